package dev.bigocean.profile;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Rules of public profiles. The shareable link's base is {@code bigocean.frontend-url} ({@code FRONTEND_URL}). */
@ConfigMapping(prefix = "bigocean.profile")
interface ProfileConfig {

    /** A session can be shared once its {@code overallConfidence} (0–100) reaches this value. */
    @WithDefault("70")
    int minShareConfidence();
}
