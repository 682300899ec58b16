package dev.bigocean.analysis.ai;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.bigocean.scoring.ConversationContent;
import dev.bigocean.scoring.Facet;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;

/**
 * The offline analyzer: a deterministic local {@link ChatModel}, used when the analyzer role has no API key. It reads
 * the same prompt a real model gets, takes the text inside the {@code <user_message>} fence, finds the cue phrases of
 * {@code offline/lexicon.json} in it and answers with the JSON the real model is asked for: one item per facet with
 * a cue, quoting the sentence around the cue verbatim. When the interviewer question is one of the offline question
 * bank's (in the session's language, which the prompt names), the answer is also evidence for that question's facet:
 * its cue with more confidence, else its stance, read in that language. Token usage is estimated (4 characters a
 * token). Not a test double: it exists so the whole flow reaches real results without a key.
 */
public class OfflineAnalyzerModel implements ChatModel {

    public static final String MODEL_NAME = "offline-lexicon-v1";
    static final String OPEN = "<user_message>";
    static final String CLOSE = "</user_message>";
    static final String QUESTION_OPEN = "<interviewer_question>";
    static final String QUESTION_CLOSE = "</interviewer_question>";
    /** The session's language, as the prompt names it: {@code The conversation is in German (de): …}. */
    private static final Pattern LANGUAGE = Pattern.compile("^The conversation is in [^\\n]*?\\(([a-z]{2,3})\\):", Pattern.MULTILINE);

    private static final Logger LOG = Logger.getLogger(OfflineAnalyzerModel.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Lexicon lexicon;

    public OfflineAnalyzerModel() {
        this(Lexicon.fromClasspath());
    }

    OfflineAnalyzerModel(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        String userText = fencedUserText(request.messages());
        List<Lexicon.Hit> hits = new java.util.ArrayList<>(lexicon.analyse(userText));
        String language = language(request.messages());
        java.util.Optional<String> focus = ConversationContent.get()
                .facetOfQuestionIn(fenced(request.messages(), QUESTION_OPEN, QUESTION_CLOSE), language)
                .map(Facet::apiName);
        focus.flatMap(facet -> lexicon.focused(userText, facet, hits, language)).ifPresent(focused -> {
            hits.removeIf(h -> h.facet().equals(focused.facet()));
            hits.add(0, focused);
        });
        ObjectNode root = JSON.createObjectNode();
        ArrayNode evidence = root.putArray("evidence");
        for (Lexicon.Hit hit : hits) {
            ObjectNode item = evidence.addObject();
            item.put("facet", hit.facet());
            item.put("score", hit.score());
            item.put("confidence", hit.confidence());
            item.put("quote", userText.substring(hit.quoteStart(), hit.quoteEnd()));
        }
        String answer;
        try {
            answer = JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        LOG.infof("OFFLINE analyzer (%s): %d evidence item(s) from lexicon cues%s", MODEL_NAME, hits.size(),
                focus.map(f -> ", question about " + f).orElse(""));
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(answer))
                .modelName(MODEL_NAME)
                .tokenUsage(new TokenUsage(estimateTokens(promptChars(request.messages())), estimateTokens(answer.length())))
                .finishReason(FinishReason.STOP)
                .build();
    }

    /** It always answers in the requested JSON shape, so the agent sends it a response format instead of instructions. */
    @Override
    public Set<Capability> supportedCapabilities() {
        return Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    }

    /** The text between the first {@code <user_message>} and the next {@code </user_message>} of the last user turn. */
    static String fencedUserText(List<ChatMessage> messages) {
        return fenced(messages, OPEN, CLOSE);
    }

    /**
     * The language code the last user turn's last line of its kind names (the prompt's own, which follows the fenced
     * answer, not one the user wrote into it); English when there is none.
     */
    static String language(List<ChatMessage> messages) {
        String code = ConversationContent.ENGLISH;
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage user && user.hasSingleText()) {
                for (Matcher m = LANGUAGE.matcher(user.singleText()); m.find(); ) {
                    code = m.group(1);
                }
                break;
            }
        }
        return code;
    }

    /** The text between the first {@code open} tag and the next {@code close} tag of the last user turn. */
    private static String fenced(List<ChatMessage> messages, String openTag, String closeTag) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage user && user.hasSingleText()) {
                String prompt = user.singleText();
                int open = prompt.indexOf(openTag);
                int close = open < 0 ? -1 : prompt.indexOf(closeTag, open + openTag.length());
                return close < 0 ? "" : prompt.substring(open + openTag.length(), close);
            }
        }
        return "";
    }

    private static int promptChars(List<ChatMessage> messages) {
        int chars = 0;
        for (ChatMessage message : messages) {
            if (message instanceof SystemMessage system) {
                chars += system.text().length();
            } else if (message instanceof UserMessage user && user.hasSingleText()) {
                chars += user.singleText().length();
            }
        }
        return chars;
    }

    static int estimateTokens(int chars) {
        return Math.max(1, (chars + 3) / 4);
    }
}
