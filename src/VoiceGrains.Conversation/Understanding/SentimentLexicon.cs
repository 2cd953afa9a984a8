namespace VoiceGrains.Conversation.Understanding;

/// <summary>
/// A small lexicon score in −1…1: positive and negative words of customer-service talk, a negation within two
/// words before flips one ("not happy"). Deterministic and instant, so every caller turn gets one with either engine.
/// </summary>
public static class SentimentLexicon
{
    static readonly HashSet<string> Positive = new(StringComparer.OrdinalIgnoreCase)
    {
        "great", "thanks", "thank", "good", "excellent", "perfect", "wonderful", "happy", "love", "awesome",
        "appreciate", "helpful", "nice", "fantastic", "glad", "amazing", "pleased", "brilliant", "lovely", "fine",
    };

    static readonly HashSet<string> Negative = new(StringComparer.OrdinalIgnoreCase)
    {
        "angry", "upset", "terrible", "awful", "bad", "frustrated", "frustrating", "annoyed", "ridiculous",
        "disappointed", "disappointing", "worst", "hate", "broken", "damaged", "wrong", "useless", "unacceptable",
        "lost", "late", "missing", "horrible", "furious", "poor", "problem", "complaint", "waste", "defective",
    };

    static readonly HashSet<string> Negations = new(StringComparer.OrdinalIgnoreCase) { "not", "no", "never", "isn't", "wasn't", "don't", "didn't", "hardly" };

    public static float Score(string text)
    {
        var words = text.Split([' ', ',', '.', '!', '?', ';'], StringSplitOptions.RemoveEmptyEntries);
        float positive = 0, negative = 0;
        for (var i = 0; i < words.Length; i++)
        {
            var polarity = Positive.Contains(words[i]) ? 1 : Negative.Contains(words[i]) && !Negations.Contains(words[i]) ? -1 : 0;
            if (polarity == 0)
            {
                continue;
            }
            var negated = (i > 0 && Negations.Contains(words[i - 1])) || (i > 1 && Negations.Contains(words[i - 2]));
            if (negated ^ polarity > 0)
            {
                positive++;
            }
            else
            {
                negative++;
            }
        }
        return (positive - negative) / (positive + negative + 1);
    }
}
