package dev.bigocean.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.bigocean.scoring.FacetScore;
import dev.bigocean.scoring.ScoreSheet;
import dev.bigocean.scoring.TraitScore;
import io.quarkus.qute.TemplateData;

/**
 * What the server-rendered profile page shows, with the geometry of its SVG chart computed here (Qute does no
 * arithmetic): one bar per trait (0–120) and, under it, one bar per facet (0–20).
 */
@TemplateData
record ProfilePage(String id, String archetypeName, String description, String color, String code, boolean isPublic,
        boolean owner, String pageUrl, String imageUrl, String summary, List<Row> rows, int chartHeight) {

    static final int CHART_WIDTH = 640;
    static final int LABEL_WIDTH = 230;
    static final int BAR_WIDTH = 320;
    static final int TRAIT_ROW = 30;
    static final int FACET_ROW = 20;

    /** One bar of the chart: a trait (bold, 0–120) or a facet (0–20). */
    @TemplateData
    record Row(String label, String value, boolean trait, int y, int width, int textY) {
    }

    static ProfilePage of(ProfileService.Card card, String pageUrl, String imageUrl) {
        ScoreSheet sheet = card.sheet();
        List<Row> rows = new ArrayList<>();
        int y = 0;
        for (TraitScore t : sheet.traits()) {
            y += 8;
            rows.add(new Row(label(t.trait().apiName()) + " (" + t.level().word() + ")", format(t.score()) + " / 120", true, y,
                    (int) Math.round(BAR_WIDTH * Math.min(120, t.score()) / 120.0), y + 17));
            y += TRAIT_ROW;
            for (FacetScore f : sheet.facets()) {
                if (f.facet().trait() == t.trait()) {
                    rows.add(new Row(label(f.facet().apiName()), format(f.score()) + " / 20", false, y,
                            (int) Math.round(BAR_WIDTH * Math.min(20, f.score()) / 20.0), y + 13));
                    y += FACET_ROW;
                }
            }
        }
        StringBuilder summary = new StringBuilder();
        sheet.traits().forEach(t -> summary.append(summary.isEmpty() ? "" : ", ").append(label(t.trait().apiName()))
                .append(' ').append(t.level().word().toLowerCase(Locale.ROOT)));
        return new ProfilePage(card.id().toString(), card.archetype().name(), card.archetype().description(),
                card.archetype().color(), sheet.oceanCode5(), card.isPublic(), card.owner(), pageUrl, imageUrl,
                summary.toString(), List.copyOf(rows), y + 8);
    }

    static String label(String apiName) {
        String spaced = apiName.replace('_', ' ');
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    static String format(double score) {
        return String.format(Locale.ROOT, "%.1f", score);
    }

    public int chartWidth() {
        return CHART_WIDTH;
    }

    public int labelWidth() {
        return LABEL_WIDTH;
    }

    public int barWidth() {
        return BAR_WIDTH;
    }
}
