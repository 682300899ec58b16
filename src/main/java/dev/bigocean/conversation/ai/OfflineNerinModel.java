package dev.bigocean.conversation.ai;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.bigocean.platform.Punctuation;
import dev.bigocean.scoring.ConversationContent;
import dev.bigocean.scoring.Facet;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;

/**
 * The offline interviewer: a deterministic local implementation of the LangChain4j chat-model interfaces, used when no
 * API key is configured. It reads the same prompt a real model gets: it acknowledges the fenced user message (echoing a
 * whole short phrase of it) and asks a question from the question bank for the focus the steering chose — never one
 * the conversation was already asked — or closes warmly when the prompt is the closing one, all in the language the
 * prompt asks for (English when the bank is not translated into it). Not a test double: it exists so the whole flow
 * runs without a key.
 */
public class OfflineNerinModel implements StreamingChatModel, ChatModel {

    public static final String MODEL_NAME = "offline-nerin";
    private static final Pattern USER_MESSAGE = Pattern.compile("<user_message>\\s*(.*?)\\s*</user_message>", Pattern.DOTALL);
    private static final Pattern FOCUS = Pattern.compile("^Focus for your next question: (.+)$", Pattern.MULTILINE);
    private static final Pattern CONVERSATION = Pattern.compile("<conversation>\\s*(.*?)\\s*</conversation>", Pattern.DOTALL);
    private static final Pattern NERIN_LINE = Pattern.compile("^Nerin: (.*)$", Pattern.MULTILINE);
    /** The session's language, as the turn and closing prompts name it: {@code Write your whole reply in German (de).} */
    private static final Pattern LANGUAGE =
            Pattern.compile("^Write your whole reply in [^\\n]*\\(([a-z]{2,3})\\)\\.$", Pattern.MULTILINE);
    /** The longest clause echoed back; a longer first clause is not echoed at all rather than cut. */
    static final int MAX_ECHO_WORDS = 12;
    /** The longest echo in characters: a run without spaces (a pasted link, a row of emoji) counts as one word. */
    static final int MAX_ECHO_CHARACTERS = 100;
    /** Where the first sentence of an answer ends: {@code .!?} and a space, or a Chinese or Japanese mark. */
    private static final Pattern SENTENCE_END =
            Pattern.compile("(?<=[.!?])\\s+|(?<=[" + Punctuation.FULL_WIDTH_SENTENCE_ENDS + "])");
    /** Where its first clause ends: a clause break, or a conjunction between spaces. */
    private static final Pattern CLAUSE_END = Pattern.compile("[" + Pattern.quote(Punctuation.CLAUSE_BREAKS) + "]"
            + "|\\s(?:and|but|because|so|although|while|when|which)\\s");
    private static final Pattern TRAILING_SENTENCE_ENDS =
            Pattern.compile("[.!?…" + Punctuation.FULL_WIDTH_SENTENCE_ENDS + "]+$");
    /** A streamed piece of a reply: up to a space or a Chinese or Japanese sentence end, with the marks and spaces after it. */
    private static final Pattern PIECE = Pattern.compile("(?:[^\\s" + Punctuation.FULL_WIDTH_SENTENCE_ENDS + "]+["
            + Punctuation.FULL_WIDTH_SENTENCE_ENDS + "]*|[" + Punctuation.FULL_WIDTH_SENTENCE_ENDS + "]+)\\s*");
    /** Conversations remembered for the no-repeat rule (a bounded, least-recently-used map). */
    private static final int REMEMBERED_REPLIES = 10_000;

    private final ConversationContent content = ConversationContent.get();

    /**
     * The questions a conversation has been asked so far, keyed by the reply that asked the last of them. The next
     * prompt shows that reply as the last Nerin line of its conversation, which chains a session's questions without
     * any session id; questions still visible in the conversation are always excluded too (after a restart, that is
     * all there is).
     */
    private final Map<String, Set<String>> askedByReply = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
                    return size() > REMEMBERED_REPLIES;
                }
            });

    @Override
    public ChatResponse doChat(ChatRequest request) {
        return respond(request);
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        ChatResponse response;
        try {
            response = respond(request);
        } catch (RuntimeException e) {
            handler.onError(e);
            return;
        }
        for (String piece : pieces(response.aiMessage().text())) {
            handler.onPartialResponse(piece);
        }
        handler.onCompleteResponse(response);
    }

    ChatResponse respond(ChatRequest request) {
        String prompt = lastUserText(request.messages());
        Matcher user = USER_MESSAGE.matcher(prompt);
        String userText = user.find() ? user.group(1) : "";
        Matcher focus = FOCUS.matcher(prompt);
        String reply;
        ConversationContent.Bank bank = content.bank(language(prompt));
        int seed = Math.floorMod(userText.hashCode(), 1 << 20);
        String acknowledgement = acknowledgement(bank, userText, seed);
        if (!focus.find()) {
            reply = joined(acknowledgement, bank.closing());
        } else {
            Facet facet = content.facetOfHint(focus.group(1)).orElse(Facet.IMAGINATION);
            Set<String> asked = askedBefore(prompt, bank);
            String question = next(bank.questions(facet), asked)
                    .or(() -> next(bank.followUps(), asked))
                    .orElse(bank.questions(facet).get(0));
            reply = joined(acknowledgement, question);
            Set<String> now = new HashSet<>(asked);
            now.add(question);
            askedByReply.put(reply, Set.copyOf(now));
        }
        int inputTokens = Math.max(1, request.messages().stream().mapToInt(m -> text(m).length()).sum() / 4);
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(reply))
                .modelName(MODEL_NAME)
                .tokenUsage(new TokenUsage(inputTokens, Math.max(1, reply.length() / 4)))
                .finishReason(FinishReason.STOP)
                .build();
    }

    /**
     * The language code the prompt's last line of its kind names: the prompt's own line, which follows the fenced user
     * message, not one the user wrote into it; English when there is none.
     */
    static String language(String prompt) {
        String code = ConversationContent.ENGLISH;
        for (Matcher m = LANGUAGE.matcher(prompt); m.find(); ) {
            code = m.group(1);
        }
        return code;
    }

    /** The first question of the list this conversation has not been asked yet. */
    private static java.util.Optional<String> next(List<String> questions, Set<String> asked) {
        return questions.stream().filter(q -> !asked.contains(q)).findFirst();
    }

    /**
     * Questions asked earlier in this conversation: remembered via its last reply, plus those of {@code bank} still
     * visible in it.
     */
    private Set<String> askedBefore(String prompt, ConversationContent.Bank bank) {
        Set<String> asked = new HashSet<>();
        Matcher conversation = CONVERSATION.matcher(prompt);
        if (!conversation.find()) {
            return asked;
        }
        String lastNerin = null;
        Matcher line = NERIN_LINE.matcher(conversation.group(1));
        while (line.find()) {
            lastNerin = line.group(1).strip();
            String visible = lastNerin;
            bank.allQuestions().stream().filter(visible::contains).forEach(asked::add);
        }
        if (lastNerin != null) {
            asked.addAll(askedByReply.getOrDefault(lastNerin, Set.of()));
        }
        return asked;
    }

    /**
     * A warm acknowledgement from {@code bank} that echoes a short phrase of what the user said (or a plain one for an
     * empty echo); the bank always has both kinds.
     */
    private static String acknowledgement(ConversationContent.Bank bank, String userText, int seed) {
        String echo = echo(userText);
        List<String> candidates = bank.acknowledgements().stream()
                .filter(a -> a.contains(ConversationContent.ECHO) != echo.isEmpty())
                .toList();
        return candidates.get(seed % candidates.size()).replace(ConversationContent.ECHO, echo);
    }

    /**
     * A short phrase of the user's message: its first clause, whole, without quotes; empty when that clause is longer
     * than {@value #MAX_ECHO_WORDS} words or {@value #MAX_ECHO_CHARACTERS} characters (never cut mid-clause). Chinese and
     * Japanese sentences and clauses end at their own punctuation ({@code 。！？} and {@code 、，；：（）}).
     */
    static String echo(String userText) {
        String firstSentence = SENTENCE_END.split(userText.strip(), 2)[0];
        String clause = CLAUSE_END.split(firstSentence, 2)[0];
        String unquoted = clause.replaceAll("[\"“”]", "");
        String[] words = TRAILING_SENTENCE_ENDS.matcher(unquoted).replaceAll("").strip().split("\\s+");
        String echo = String.join(" ", words);
        if (words[0].isEmpty() || words.length > MAX_ECHO_WORDS || echo.length() > MAX_ECHO_CHARACTERS) {
            return "";
        }
        return echo;
    }

    /**
     * Two sentences of a reply: after a Chinese or Japanese sentence end with no space, as those languages write them;
     * else after a space.
     */
    static String joined(String first, String second) {
        boolean unspaced = !first.isEmpty()
                && Punctuation.FULL_WIDTH_SENTENCE_ENDS.indexOf(first.charAt(first.length() - 1)) >= 0;
        return unspaced ? first + second : first + " " + second;
    }

    /**
     * The reply as it is streamed: a word and the spaces after it, or in text written without spaces, a sentence and
     * its closing mark.
     */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher m = PIECE.matcher(text);
        while (m.find()) {
            pieces.add(m.group());
        }
        return pieces;
    }

    private static String lastUserText(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage) {
                return text(messages.get(i));
            }
        }
        return "";
    }

    private static String text(ChatMessage message) {
        if (message instanceof UserMessage u) {
            return u.hasSingleText() ? u.singleText() : u.toString();
        }
        if (message instanceof SystemMessage s) {
            return s.text();
        }
        if (message instanceof AiMessage a) {
            return a.text() == null ? "" : a.text();
        }
        return "";
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return ChatRequestParameters.builder().modelName(MODEL_NAME).build();
    }

    @Override
    public List<ChatModelListener> listeners() {
        return List.of();
    }

    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return Set.of();
    }
}
