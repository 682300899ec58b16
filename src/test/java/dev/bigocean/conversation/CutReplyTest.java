package dev.bigocean.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CutReplyTest {

    @Test
    void aCutReplyEndsWithItsLastCompleteSentence() {
        assertEquals("That sounds like a calm morning. What do you enjoy most about it?",
                CutReply.atLastSentence("That sounds like a calm morning. What do you enjoy most about it? And do you usu"));
        assertEquals("Wonderful!", CutReply.atLastSentence("Wonderful! Tell me more about the people who"));
        assertEquals("She said \"go on.\"", CutReply.atLastSentence("She said \"go on.\" Then the"));
        assertEquals("Das klingt schön (sehr sogar.)", CutReply.atLastSentence("Das klingt schön (sehr sogar.) Wie"));
    }

    @Test
    void aNumberOrAnAbbreviationWithoutASpaceEndsNothing() {
        assertEquals("Version 3.5 of the plan…", CutReply.atLastSentence("Version 3.5 of the plan"));
        assertEquals("It costs 2.50 a week.", CutReply.atLastSentence("It costs 2.50 a week. You said the price was"));
    }

    @Test
    void fullWidthMarksEndASentenceWithoutASpace() {
        assertEquals("静かな朝ですね。何が一番好きですか？", CutReply.atLastSentence("静かな朝ですね。何が一番好きですか？それと"));
        assertEquals("いいですね！", CutReply.atLastSentence("いいですね！週末は"));
    }

    @Test
    void aReplyWithoutASentenceEndIsKeptWholeWithAnEllipsis() {
        assertEquals("I would love to hear more about the places you…",
                CutReply.atLastSentence("I would love to hear more about the places you "));
        assertEquals("Already cut…", CutReply.atLastSentence("Already cut…"));
        assertEquals("…and then the…", CutReply.atLastSentence("…and then the"), "a mark it starts with ends nothing");
    }
}
