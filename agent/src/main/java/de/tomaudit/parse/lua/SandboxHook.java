package de.tomaudit.parse.lua;

import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;

/**
 * LuaJ calls this before every VM instruction of a closure whose environment is a Globals with
 * this hook installed (the {@code debug} library itself is never given to the configuration).
 * It counts instructions, checks the deadline, refuses concatenations that would build an
 * over-long string before they are built, counts tables, bounds the call depth, and remembers
 * which instruction of which chunk is running, so an option's assignment can be given its line.
 */
final class SandboxHook extends DebugLib {
    private final SandboxBudget budget;
    private final long maxInstructions;
    private final int maxDepth;
    private LuaClosure[] closures = new LuaClosure[32];
    private LuaValue[][] stacks = new LuaValue[32][];
    private int[] pcs = new int[32];
    private int depth;
    private long instructions;
    /** The innermost frame when an error was raised, kept after the frames unwind. */
    private Prototype lastProto;
    private int lastPc = -1;

    SandboxHook(SandboxBudget budget) {
        this.budget = budget;
        this.maxInstructions = budget.limits().maxInstructions();
        this.maxDepth = budget.limits().maxCallDepth();
    }

    @Override
    public void onCall(LuaClosure c, Varargs varargs, LuaValue[] stack) {
        if (depth >= maxDepth) {
            throw new SandboxViolation(ConfigProblem.Kind.CALL_DEPTH, "more than " + maxDepth
                    + " nested function calls: runaway recursion");
        }
        if (depth == closures.length) {
            int n = depth * 2;
            closures = java.util.Arrays.copyOf(closures, n);
            stacks = java.util.Arrays.copyOf(stacks, n);
            pcs = java.util.Arrays.copyOf(pcs, n);
        }
        closures[depth] = c;
        stacks[depth] = stack;
        pcs[depth] = -1;
        depth++;
    }

    @Override
    public void onCall(LuaFunction f) {
        // Java functions: their cost is bounded where they are defined
    }

    @Override
    public void onReturn() {
        if (depth > 0) {
            depth--;
            closures[depth] = null;
            stacks[depth] = null;
        }
    }

    @Override
    public void onInstruction(int pc, Varargs v, int top) {
        int d = depth - 1;
        pcs[d] = pc;
        Prototype p = closures[d].p;
        lastProto = p;
        lastPc = pc;
        if (++instructions > maxInstructions) {
            throw new SandboxViolation(ConfigProblem.Kind.INSTRUCTION_LIMIT, "more than " + maxInstructions
                    + " Lua instructions: a loop that does not end");
        }
        if ((instructions & 0x3FF) == 0) {
            budget.checkDeadline();
        }
        int i = p.code[pc];
        int op = Lua.GET_OPCODE(i);
        if (op == Lua.OP_CONCAT) {
            LuaValue[] stack = stacks[d];
            long length = 0;
            for (int r = Lua.GETARG_B(i), last = Lua.GETARG_C(i); r <= last && r < stack.length; r++) {
                LuaValue x = stack[r];
                length += x instanceof LuaString s ? s.length() : x != null && x.isnumber() ? 24 : 0;
            }
            budget.chargeString(length);
        } else if (op == Lua.OP_NEWTABLE) {
            budget.chargeTable();
        }
    }

    @Override
    public String traceback(int level) {
        return "";
    }

    /** The line being run in the innermost frame of the chunk named {@code source}, or 0. */
    int currentLine(LuaString source) {
        for (int d = depth - 1; d >= 0; d--) {
            Prototype p = closures[d].p;
            if (p.source != null && p.source.raweq(source)) {
                return line(p, pcs[d]);
            }
        }
        return 0;
    }

    /** The chunk name and line of the last instruction run (also after an error unwound the frames). */
    String lastSource() {
        return lastProto == null || lastProto.source == null ? "" : lastProto.source.tojstring();
    }

    int lastLine() {
        return lastProto == null ? 0 : line(lastProto, lastPc);
    }

    long instructions() {
        return instructions;
    }

    private static int line(Prototype p, int pc) {
        return p.lineinfo != null && pc >= 0 && pc < p.lineinfo.length ? p.lineinfo[pc] : 0;
    }
}
