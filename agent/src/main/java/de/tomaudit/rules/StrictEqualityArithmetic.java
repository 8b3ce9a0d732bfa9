package de.tomaudit.rules;

import org.apache.commons.jexl3.JexlArithmetic;

/**
 * JEXL's arithmetic, except that a boolean never equals a non-boolean. Plain JEXL coerces
 * {@code true == 'unknown'} to true, which would let a fact like {@code encrypted: "unknown"}
 * pass a condition written as {@code encrypted == true}.
 */
final class StrictEqualityArithmetic extends JexlArithmetic {

    StrictEqualityArithmetic() {
        super(false);
    }

    @Override
    public boolean equals(Object left, Object right) {
        if (left != null && right != null && (left instanceof Boolean) != (right instanceof Boolean)) {
            return false;
        }
        return super.equals(left, right);
    }
}
