package dev.bigocean.conversation;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.bigocean.scoring.ConversationContent;
import dev.bigocean.scoring.Facet;

/**
 * What one sincere person (curious, organised, warm, fairly calm) would answer to the offline interviewer: one answer
 * per area the questions explore, in their own words, plus answers to the opening and to open follow-ups. Used by the
 * offline end-to-end tests to pick the answer to whatever the interviewer just asked.
 */
public final class SincereAnswers {

    public static final String OPENING = "Last Saturday I cycled to the farmers market with my sister, cooked a long lunch "
            + "for friends and spent the evening reading philosophy on the balcony. It felt like me: I was on the go all "
            + "day, chatting with people, and I still had a quiet hour for myself.";

    public static final List<String> FOLLOW_UPS = List.of(
            "My friends would probably laugh and say that sounds exactly like me. I think I have been like this since school.",
            "It has changed a little over the years. In my twenties I was more restless, now I pick my battles and enjoy small things.",
            "At work I am more formal and careful with words than at home, mostly because people rely on me there.",
            "People are often surprised that I collect old maps and spend evenings restoring them at the kitchen table.");

    private static final Map<Facet, String> BY_FACET = new EnumMap<>(Facet.class);

    static {
        BY_FACET.put(Facet.IMAGINATION, "My mind drifts to little stories. I daydream about the people on the train and "
                + "invent whole lives for them, which makes long journeys fly by.");
        BY_FACET.put(Facet.ARTISTIC_INTERESTS, "Music stays with me more than anything. I go to concerts whenever I can, and "
                + "a cello piece I heard in a church last spring was so beautiful that I still hum it. I feel deeply moved by music.");
        BY_FACET.put(Facet.EMOTIONALITY, "I notice my feelings quite early, usually as a tight chest or a lightness. I feel "
                + "deeply and I can usually name what is going on, then I talk it through with my partner.");
        BY_FACET.put(Facet.ADVENTUROUSNESS, "Last month I tried Ethiopian food for the first time and loved it. I like to "
                + "try new things, and I will happily ride roller coasters at any fair.");
        BY_FACET.put(Facet.INTELLECT, "Lately I keep chewing on why some cities feel friendly and others do not. I love "
                + "ideas like that, and I end up reading about urban design until midnight.");
        BY_FACET.put(Facet.LIBERALISM, "I keep the big family dinner at new year, but I question a lot of the rules I grew "
                + "up with. I try to stay open-minded about how other people choose to live.");
        BY_FACET.put(Facet.SELF_EFFICACY, "When our landlord sold the flat at short notice I figured it out within a week. "
                + "I usually feel capable when things go wrong: I stay calm and start making calls.");
        BY_FACET.put(Facet.ORDERLINESS, "I am pretty organised. I keep a to-do list on the fridge and my desk is tidy "
                + "before I start anything. I am quite disciplined about it.");
        BY_FACET.put(Facet.DUTIFULNESS, "If I have promised something I do it, even when it is inconvenient. Keeping my "
                + "word matters to me, and I always follow through on what I start.");
        BY_FACET.put(Facet.ACHIEVEMENT_STRIVING, "I set myself goals every January and I work hard on them. This year it "
                + "was learning Spanish, and I stayed patient when progress was slow.");
        BY_FACET.put(Facet.SELF_DISCIPLINE, "I like to get it done right away rather than let it hang over me. Even boring "
                + "tasks like taxes I finish the week they arrive, and I have decent self-control with snacks.");
        BY_FACET.put(Facet.CAUTIOUSNESS, "For big decisions I write down the pros and cons and I sleep on it. I am careful "
                + "with money, and I rarely buy anything expensive the same day.");
        BY_FACET.put(Facet.FRIENDLINESS, "I make friends quite easily. I chat with neighbours and with people in queues, "
                + "and I like being the one who says hello first.");
        BY_FACET.put(Facet.GREGARIOUSNESS, "I enjoy parties and big groups, the more the merrier. I can talk to anyone, "
                + "and I don't care what people think when I dance badly.");
        BY_FACET.put(Facet.ASSERTIVENESS, "When our project stalled last year I took charge and split up the work. I "
                + "usually speak up in meetings when something is unclear.");
        BY_FACET.put(Facet.ACTIVITY_LEVEL, "My weeks are busy. I am on the go from early morning, with work, choir and "
                + "cycling, and I like it that way.");
        BY_FACET.put(Facet.EXCITEMENT_SEEKING, "I went paragliding on holiday and the adrenaline was amazing. I like a "
                + "little thrill now and then, and I love to explore places off the usual paths.");
        BY_FACET.put(Facet.CHEERFULNESS, "I laugh a lot, mostly at myself. Most days I wake up optimistic, and I "
                + "bounce back quickly from bad days.");
        BY_FACET.put(Facet.TRUST, "I tend to see the best in people. I give strangers the benefit of the doubt. I am an "
                + "optimistic person, I suppose.");
        BY_FACET.put(Facet.MORALITY, "Honesty matters a lot to me. When I broke a friend's camera I told her the truth the "
                + "same evening and paid for the repair.");
        BY_FACET.put(Facet.ALTRUISM, "I volunteer at a food bank twice a month. Helping others feels normal to me; "
                + "it comes from compassion, I think.");
        BY_FACET.put(Facet.COOPERATION, "In a disagreement I look for a compromise. I would rather keep the peace, and "
                + "I hardly ever lose my temper.");
        BY_FACET.put(Facet.MODESTY, "When my team won an award I said it was a team effort, because it was. I do not "
                + "like it when people praise me in public and I try to stay humble.");
        BY_FACET.put(Facet.SYMPATHY, "Stories of people losing their homes are heartbreaking to me. I feel for them and "
                + "I donate when I can.");
        BY_FACET.put(Facet.ANXIETY, "I am mostly relaxed. Before exams I had butterflies, but under pressure I stay "
                + "calm and rarely lie awake over things I cannot change.");
        BY_FACET.put(Facet.ANGER, "I am fairly patient. If someone cuts in front of me I get annoyed for a moment, then "
                + "I let it slide.");
        BY_FACET.put(Facet.DEPRESSION, "When a friend moved abroad I felt sad for a few weeks. I tend to bounce back, "
                + "and I stay hopeful that good things come.");
        BY_FACET.put(Facet.SELF_CONSCIOUSNESS, "I used to be shy as a teenager. Now I feel comfortable in my own skin, "
                + "even when I trip over my words in front of people.");
        BY_FACET.put(Facet.IMMODERATION, "I can stop after one piece of chocolate. I enjoy treats in moderation and I "
                + "rarely binge on series either.");
        BY_FACET.put(Facet.VULNERABILITY, "Under pressure I tend to stay calm and make a list. When my father was in "
                + "hospital it was hard, but I managed to keep it together for everyone.");
    }

    private SincereAnswers() {
    }

    /** The answer to an interviewer reply: to the question of the bank it contains, else a follow-up answer. */
    public static String to(String reply, int turn) {
        return ConversationContent.get().facetOfQuestionIn(reply, ConversationContent.ENGLISH)
                .map(BY_FACET::get)
                .orElse(FOLLOW_UPS.get(turn % FOLLOW_UPS.size()));
    }
}
