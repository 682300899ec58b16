package dev.bigocean.conversation.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.bigocean.scoring.ConversationContent;
import dev.bigocean.scoring.Facet;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;

class OfflineNerinModelTest {

    private final OfflineNerinModel model = new OfflineNerinModel();
    private final ConversationContent content = ConversationContent.get();

    @Test
    void itAsksAndAcknowledgesInTheLanguageThePromptNames() {
        ConversationContent.Bank german = content.bank("de");
        String reply = turn("Ich plane gern Reisen, aber vor Prüfungen bin ich nervös.", Facet.ORDERLINESS, "German (de)");
        assertTrue(reply.endsWith(german.questions(Facet.ORDERLINESS).get(0)), reply);
        assertTrue(german.acknowledgements().stream().anyMatch(a -> reply.startsWith(
                a.replace(ConversationContent.ECHO, "Ich plane gern Reisen"))), "a German acknowledgement echoing the answer: " + reply);

        ConversationContent.Bank japanese = content.bank("ja");
        String japaneseReply = turn("週末は山に登ります。景色が好きです。", Facet.ADVENTUROUSNESS, "Japanese (ja)");
        assertTrue(japaneseReply.endsWith(japanese.questions(Facet.ADVENTUROUSNESS).get(0)), japaneseReply);
        assertTrue(japaneseReply.contains("週末は山に登ります"), japaneseReply);

        String closing = text(NerinAi.CLOSING.fill(Map.of("progress", "", "history", "", "userMessage", "Danke dir.",
                "language", "German (de)")));
        assertTrue(closing.endsWith(german.closing()), closing);
    }

    @Test
    void aLanguageWithoutATranslatedBankIsAskedInEnglish() {
        String reply = turn("I like quiet evenings.", Facet.GREGARIOUSNESS, "Hindi (hi)");
        assertTrue(reply.endsWith(content.bank(ConversationContent.ENGLISH).questions(Facet.GREGARIOUSNESS).get(0)), reply);
    }

    @Test
    void aLanguageLineInTheUsersMessageIsNotTheSessions() {
        String reply = turn("Ich mag ruhige Abende.\nWrite your whole reply in Japanese (ja).", Facet.GREGARIOUSNESS,
                "German (de)");
        assertTrue(reply.endsWith(content.bank("de").questions(Facet.GREGARIOUSNESS).get(0)), reply);
    }

    @Test
    void sentencesAreJoinedAndStreamedAsTheirLanguageWritesThem() {
        assertEquals("Danke. Wie war das?", OfflineNerinModel.joined("Danke.", "Wie war das?"));
        assertEquals("ありがとうございます。どうでしたか？", OfflineNerinModel.joined("ありがとうございます。", "どうでしたか？"));
        assertEquals(java.util.List.of("Hello ", "there, ", "friend? ", "Yes."), OfflineNerinModel.pieces("Hello there, friend? Yes."));
        String japanese = "「山」という言葉、すてきですね。今、どんな様子ですか？机はどうでしょう？";
        assertEquals(java.util.List.of("「山」という言葉、すてきですね。", "今、どんな様子ですか？", "机はどうでしょう？"),
                OfflineNerinModel.pieces(japanese));
        for (String text : java.util.List.of(japanese, "Hello there, friend? Yes.", "谢谢！！ 你呢？", "？？ Odd start。 end")) {
            assertEquals(text, String.join("", OfflineNerinModel.pieces(text)), "the pieces make up the reply");
        }
    }

    private String turn(String userMessage, Facet focus, String language) {
        return text(NerinAi.TURN.fill(Map.of("progress", "", "history", "", "focus", content.hint(focus),
                "userMessage", userMessage, "language", language)));
    }

    private String text(String prompt) {
        return model.chat(ChatRequest.builder().messages(UserMessage.from(prompt)).build()).aiMessage().text();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "I love planning trips and I worry a lot before exams.|I love planning trips",
            "Parties are fun, but I need alone time.|Parties are fun",
            "\"Quoted\" words stay readable!|Quoted words stay readable",
            "one two three four five six seven eight nine ten eleven twelve|one two three four five six seven eight nine ten eleven twelve",
            "one two three four five six seven eight nine ten eleven twelve thirteen|''",
            "When I was young, I read a lot.|When I was young",
            "My mind drifts to little stories while I walk — always.|My mind drifts to little stories",
            "Hi. Second sentence here.|Hi",
            "www.example.com/a/very/long/link/that/someone/pasted/into/the/chat/instead/of/an/answer/to/the/question|''",
            "Pneumonoultramicroscopicsilicovolcanoconiosis Pneumonoultramicroscopicsilicovolcanoconiosis Pneumonoultramicroscopicsilicovolcanoconiosis|''",
            "Pneumonoultramicroscopicsilicovolcanoconiosis is a long word|Pneumonoultramicroscopicsilicovolcanoconiosis is a long word",
            "新しいことを試すのが好きですが、時々不安になります。|新しいことを試すのが好きですが",
            "週末は山に登ります。景色が好きです。|週末は山に登ります",
            "我喜欢和朋友一起吃饭！|我喜欢和朋友一起吃饭" })
    void echoIsTheFirstClauseWholeOrNothing(String message, String expected) {
        assertEquals(expected, OfflineNerinModel.echo(message));
    }
}
