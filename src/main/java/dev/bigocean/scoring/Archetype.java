package dev.bigocean.scoring;

/**
 * One of the 81 archetypes, keyed by {@code oceanCode4}.
 *
 * @param key         four digits 1–3: the levels of O, C, E, A
 * @param name        starts with "The "
 * @param description two or three sentences
 * @param color       {@code #RRGGBB}
 * @param curated     true for entries written for this project, false for a generated fallback
 */
public record Archetype(String key, String name, String description, String color, boolean curated) {
}
