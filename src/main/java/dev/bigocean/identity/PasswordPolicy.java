package dev.bigocean.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.nulabinc.zxcvbn.StandardDictionaries;

import dev.bigocean.web.ApiException;

/**
 * Sign-up password rules: 12–128 characters, and not a known common or compromised password. The shipped list is the
 * 30,000 most frequent passwords of real breach corpora that zxcvbn (com.nulab-inc:zxcvbn) carries, matched
 * case-insensitively, also with digits or symbols added around them ({@code Password1234!}), repeated
 * ({@code qwertyqwerty}) or equal to the email. Have I Been Pwned is checked separately when configured.
 */
@ApplicationScoped
class PasswordPolicy {

    static final String COMPROMISED = "This password is too common or has appeared in data breaches; choose a less predictable one";

    private final Set<String> common;
    private final IdentityConfig.Auth config;

    PasswordPolicy(IdentityConfig.Auth config) {
        this.config = config;
        try {
            common = new HashSet<>(StandardDictionaries.PASSWORDS_LOADER.load().getFrequencies());
        } catch (IOException e) {
            throw new UncheckedIOException("zxcvbn's password list is missing from the classpath", e);
        }
    }

    /** Throws 400 {@code ValidationError} (field {@code password}) unless the password is acceptable. */
    void check(String password, String email) {
        int length = password.codePointCount(0, password.length());
        int min = config.passwordMinLength();
        int max = config.passwordMaxLength();
        if (length < min || length > max) {
            throw ApiException.validation("password", "Password must be " + min + " to " + max + " characters long");
        }
        if (isCommon(password) || password.equalsIgnoreCase(email) || password.equalsIgnoreCase(localPart(email))) {
            throw ApiException.validation("password", COMPROMISED);
        }
    }

    boolean isCommon(String password) {
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            return true;
        }
        String core = lower.replaceAll("^[^\\p{L}]+|[^\\p{L}]+$", "");
        if (core.length() >= 4 && common.contains(core)) {
            return true;
        }
        return isRepetition(lower);
    }

    /** {@code abcabcabcabc}, {@code aaaaaaaaaaaa}: one short unit repeated. */
    private static boolean isRepetition(String s) {
        int n = s.length();
        for (int unit = 1; unit <= n / 2; unit++) {
            if (n % unit == 0 && s.substring(0, unit).repeat(n / unit).equals(s)) {
                return true;
            }
        }
        return false;
    }

    private static String localPart(String email) {
        int at = email.indexOf('@');
        return at < 0 ? email : email.substring(0, at);
    }
}
