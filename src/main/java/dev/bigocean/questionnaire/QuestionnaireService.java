package dev.bigocean.questionnaire;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.bigocean.assessment.AssessmentService;
import dev.bigocean.assessment.JsonMemo;
import dev.bigocean.assessment.ResultsExtension;
import dev.bigocean.assessment.api.ResultsResponse;
import dev.bigocean.assessment.api.AgreementReport;
import dev.bigocean.questionnaire.api.QuestionnaireResponse;
import dev.bigocean.assessment.api.QuestionnaireScores;
import dev.bigocean.scoring.Agreement;
import dev.bigocean.scoring.IpipNeo;
import dev.bigocean.scoring.QuestionnaireScoring;
import dev.bigocean.scoring.ScoreSheet;
import dev.bigocean.web.JsonBody;
import dev.bigocean.web.Languages;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * The IPIP-NEO-120 questionnaire: its items in the user's language, a session's answers and their scores, and how they
 * compare with the conversation's. The vendored items are loaded and validated when the application starts
 * ({@link Startup}): broken data stops the start with {@link Inventory.BrokenInventory}'s message.
 */
@Startup
@ApplicationScoped
public class QuestionnaireService implements ResultsExtension {

    static final String SOURCE = "IPIP-NEO-120 (Johnson, 2014; public domain items, ipip.ori.org); "
            + "translations from @bigfive-org/questions 1.3.3 (MIT)";

    /**
     * A scalar SQL expression: the stored answers of the session row aliased {@code s} (null when none), for queries
     * that read them with the session in one round trip; {@link #compare(Object, ScoreSheet)} takes its value.
     */
    public static final String ANSWERS_OF_SESSION = QuestionnaireRepository.ANSWERS_OF_SESSION;

    private final Inventory inventory = Inventory.fromClasspath();
    private final Map<String, QuestionnaireResponse> byLanguage = new ConcurrentHashMap<>();
    private final QuestionnaireRepository answers;
    private final AssessmentService assessments;
    private final JsonMemo memo;
    private final AnswersReader reader;

    QuestionnaireService(QuestionnaireRepository answers, AssessmentService assessments, JsonMemo memo, JsonBody json) {
        this.answers = answers;
        this.assessments = assessments;
        this.memo = memo;
        this.reader = new AnswersReader(inventory, json);
    }

    /**
     * The items in {@code lang} if given and available, else in the first available language of
     * {@code Accept-Language}, else in English. A malformed {@code lang} is a 400.
     */
    QuestionnaireResponse questionnaire(String lang, String acceptLanguage) {
        return byLanguage.computeIfAbsent(language(lang, acceptLanguage).id(), this::questionnaire);
    }

    private Inventory.Language language(String lang, String acceptLanguage) {
        Optional<Inventory.Language> chosen = Optional.empty();
        if (lang != null && !lang.isBlank()) {
            chosen = inventory.resolve(Languages.wellFormed("lang", lang).toLanguageTag());
        }
        for (Iterator<String> it = Languages.accepted(acceptLanguage).iterator(); chosen.isEmpty() && it.hasNext(); ) {
            chosen = inventory.resolve(it.next());
        }
        return chosen.orElseGet(() -> inventory.resolve(Languages.DEFAULT).orElseThrow());
    }

    /** The (immutable) payload of one available language; built once, then served from {@link #byLanguage}. */
    private QuestionnaireResponse questionnaire(String languageId) {
        Inventory.Texts texts = inventory.texts(languageId);
        List<QuestionnaireResponse.Choice> choices = new ArrayList<>();
        for (int i = 0; i < texts.choices().size(); i++) {
            choices.add(new QuestionnaireResponse.Choice(i + 1, texts.choices().get(i)));
        }
        List<QuestionnaireResponse.Item> items = inventory.items().stream()
                .map(i -> new QuestionnaireResponse.Item(i.id(), i.num(), texts.items().get(i.id()), i.facet().apiName(),
                        i.facet().trait().apiName()))
                .toList();
        List<QuestionnaireResponse.Language> languages = inventory.languages().stream()
                .map(l -> new QuestionnaireResponse.Language(l.id(), l.name())).toList();
        return new QuestionnaireResponse(languageId, languages, choices, items, SOURCE);
    }

    /**
     * Reads and validates the answers of the request body {@code raw} ({@link AnswersReader}: a 400 naming the field),
     * checks the session as every session endpoint does (404, 410), merges the answers into the stored ones, in the
     * statement that reads the session, and returns the scores of all answers so far as JSON: a pure function of the
     * stored answers, so {@link JsonMemo} keeps it by them.
     */
    Uni<byte[]> answer(UUID sessionId, String raw) {
        QuestionnaireRepository.Codes codes = QuestionnaireRepository.codes(reader.read(raw));
        return assessments.requireAndWrite(sessionId, QuestionnaireRepository.MERGE, codes.given(), codes.mask())
                .map(all -> memo.json(JsonMemo.Key.of("questionnaire", all), () -> view(score(items(all)))));
    }

    /** The session's stored answers, selected by the results query beside the session (one round trip). */
    @Override
    public String column() {
        return ANSWERS_OF_SESSION;
    }

    /**
     * {@code results} with the session's questionnaire scores and their agreement with the conversation added, from
     * the stored answers its {@link #column()} selected (unchanged when the session has no answers).
     */
    @Override
    public ResultsResponse extend(Object storedAnswers, ResultsResponse results) {
        return compare(storedAnswers,
                results.facets().stream().map(f -> new Agreement.Observed(f.score(), f.confidence())).toList(),
                results.traits().stream().map(t -> new Agreement.Observed(t.score(), t.confidence())).toList())
                .map(c -> results.withQuestionnaire(c.questionnaire(), c.agreement())).orElse(results);
    }

    /** The session's stored answers, item id → 1..5 in item order (empty when none); the caller checked the session. */
    public Uni<Map<String, Integer>> answers(UUID sessionId) {
        return answers.stored(sessionId).map(stored -> {
            Map<Inventory.Item, Integer> answered = items(stored);
            Map<String, Integer> byId = new LinkedHashMap<>();
            inventory.items().stream().filter(answered::containsKey).forEach(item -> byId.put(item.id(), answered.get(item)));
            return byId;
        });
    }

    /** The items answered in stored answers, as {@link QuestionnaireRepository} selects them (null when none). */
    private Map<Inventory.Item, Integer> items(Object storedAnswers) {
        Map<Inventory.Item, Integer> items = new LinkedHashMap<>(IpipNeo.ITEM_COUNT * 2); // 120 without a resize
        QuestionnaireRepository.answers(storedAnswers)
                .forEach((number, answer) -> inventory.item(number).ifPresent(item -> items.put(item, answer)));
        return items;
    }

    /** The questionnaire scores and agreement of stored answers against a score sheet; empty when there are none. */
    public Optional<Comparison> compare(Object storedAnswers, ScoreSheet sheet) {
        return compare(storedAnswers,
                sheet.facets().stream().map(f -> new Agreement.Observed(f.score(), f.confidence())).toList(),
                sheet.traits().stream().map(t -> new Agreement.Observed(t.score(), t.confidence())).toList());
    }

    /** The scores of the selected answers against the conversation's facets and traits; empty when there are none. */
    private Optional<Comparison> compare(Object storedAnswers, List<Agreement.Observed> facets,
            List<Agreement.Observed> traits) {
        Map<Inventory.Item, Integer> stored = items(storedAnswers);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        QuestionnaireScoring.Result q = score(stored);
        return Optional.of(new Comparison(view(q), view(Agreement.compare(facets, traits, q))));
    }

    /** Questionnaire scores with their agreement report. */
    public record Comparison(QuestionnaireScores questionnaire, AgreementReport agreement) {
    }

    /** The scores of stored answers as {@link #items} reads them back (each 1..5, as the merge stored them). */
    static QuestionnaireScoring.Result score(Map<Inventory.Item, Integer> answers) {
        List<QuestionnaireScoring.Answer> list = new ArrayList<>(answers.size());
        answers.forEach((item, answer) -> list.add(new QuestionnaireScoring.Answer(item.facet(), item.key(), answer)));
        return QuestionnaireScoring.score(list);
    }

    static QuestionnaireScores view(QuestionnaireScoring.Result q) {
        return new QuestionnaireScores(q.itemsAnswered(), IpipNeo.ITEM_COUNT,
                q.traits().stream().map(t -> new QuestionnaireScores.Trait(t.trait().apiName(), t.score(),
                        t.level() == null ? null : String.valueOf(t.level().letter()))).toList(),
                q.facets().stream().map(f -> new QuestionnaireScores.Facet(f.facet().apiName(),
                        f.facet().trait().apiName(), f.score(), f.itemsAnswered())).toList());
    }

    static AgreementReport view(Agreement.Report r) {
        List<AgreementReport.Trait> traits = new ArrayList<>();
        for (dev.bigocean.scoring.Trait t : dev.bigocean.scoring.Trait.values()) {
            Agreement.Compared c = r.trait(t);
            traits.add(new AgreementReport.Trait(t.apiName(), c.conversation(), c.questionnaire(), c.difference(),
                    c.label().apiName()));
        }
        List<AgreementReport.Facet> facets = new ArrayList<>();
        for (dev.bigocean.scoring.Facet f : dev.bigocean.scoring.Facet.values()) {
            Agreement.Compared c = r.facet(f);
            facets.add(new AgreementReport.Facet(f.apiName(), f.trait().apiName(), c.conversation(), c.questionnaire(),
                    c.difference(), c.label().apiName()));
        }
        return new AgreementReport(r.overallAgreement(), r.facetsCompared(), r.facetsAgreeing(),
                r.meanAbsoluteDifference(), traits, facets);
    }
}
