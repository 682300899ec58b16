package dev.bigocean.conversation.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OfflineNerinModelTest {

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
