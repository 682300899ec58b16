package dev.bigocean.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 digests, cloned from one prototype instead of looking the algorithm up among the security providers on every
 * call (the lookup showed in a profile of the request path, where addresses, session tokens and profile versions are
 * hashed).
 */
public final class Sha256 {

    private static final MessageDigest PROTOTYPE = prototype();

    private Sha256() {
    }

    /** A fresh digest, to feed with {@code update}. */
    public static MessageDigest newDigest() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The digest of {@code text} in UTF-8. */
    public static byte[] digest(String text) {
        return newDigest().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest prototype() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
