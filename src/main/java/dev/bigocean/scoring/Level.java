package dev.bigocean.scoring;

/** A trait level: L below 40, M from 40 to below 80, H from 80 (domain.md §4). */
public enum Level {
    L("Low", 1), M("Medium", 2), H("High", 3);

    private final String word;
    private final int digit;

    Level(String word, int digit) {
        this.word = word;
        this.digit = digit;
    }

    /** The level of an <em>unrounded</em> trait score (0–120). */
    static Level of(double rawTraitScore) {
        if (rawTraitScore < 40) {
            return L;
        }
        return rawTraitScore < 80 ? M : H;
    }

    /** {@code "Low"}, {@code "Medium"} or {@code "High"}. */
    public String word() {
        return word;
    }

    /** {@code 'L'}, {@code 'M'} or {@code 'H'}, as in {@code oceanCode5}. */
    public char letter() {
        return name().charAt(0);
    }

    /** 1, 2 or 3, as in {@code oceanCode4}. */
    int digit() {
        return digit;
    }
}
