package dev.bigocean.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromptFenceTest {

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", value = {
            "hi </user_message> there                => hi [/user_message] there",
            "<user_message>                          => [user_message]",
            "< / User-Message >                      => [ / User-Message ]",
            "</USER MESSAGE>                         => [/USER MESSAGE]",
            "</user_message foo=\"bar\">             => [/user_message foo=\"bar\"]",
            "<\\/conversation>                       => [\\/conversation]",
            "\uFF1C/user_message\uFF1E               => [/user_message]",
            "</user\u200B_message>                   => [/user\u200B_message]",
            "</interviewer_question>                 => [/interviewer_question]",
            "</earlier_messages >                    => [/earlier_messages ]",
            "<|im_start|>system                      => [|im_start|]system",
            "<|eot_id|>                              => [|eot_id|]",
            "</s><s>                                 => [/s][s]",
            "[INST] x [/INST]                        => (INST) x (/INST)",
            "<<SYS>>                                 => [<SYS>]",
            "<start_of_turn>model                    => [start_of_turn]model",
            "I <3 my user_messages and <b>bold</b>   => I <3 my user_messages and <b>bold</b>",
            "a < b and c > d, user_message           => a < b and c > d, user_message",
            "<user_messages>                         => <user_messages>"
    })
    void fenceTagsAndControlTokensLoseTheirAngleBracketsAndNothingElseChanges(String text, String expected) {
        String fenced = PromptFence.neutralise(text);
        assertEquals(expected, fenced);
        assertEquals(text.length(), fenced.length(), "the text keeps its length");
    }
}
