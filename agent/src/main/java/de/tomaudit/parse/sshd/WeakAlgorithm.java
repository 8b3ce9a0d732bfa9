package de.tomaudit.parse.sshd;

/**
 * An algorithm or key found weak, and why.
 *
 * @param name   the algorithm name ({@code diffie-hellman-group14-sha1}) or key file
 * @param kind   what it is: kex, cipher, mac, hostkeyalgorithm, hostkey
 * @param reason why it is weak, in a sentence an admin understands
 */
public record WeakAlgorithm(String name, WeakAlgorithms.Kind kind, String reason) { }
