namespace VoiceGrains.Speech.Stt;

/// <summary>
/// Whisper's known failure on too short an audio context: the decoder loops, saying a word or a phrase over and over
/// ("order order order order", "I'd like to I'd like to I'd like to"). A transcript with a run like that is not trusted;
/// the transcriber hears the utterance again over the full window.
/// </summary>
public static class RepetitionGuard
{
    /// <summary>A word four times running, or a phrase of two to four words three times running.</summary>
    public static bool Loops(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('.', ',', '?', '!', ';', ':').ToLowerInvariant())
            .Where(w => w.Length > 0)
            .ToArray();
        for (var length = 1; length <= 4; length++)
        {
            var needed = length == 1 ? 4 : 3;
            for (var start = 0; start + length * needed <= words.Length; start++)
            {
                var runs = 1;
                while (start + (runs + 1) * length <= words.Length
                       && words.AsSpan(start, length).SequenceEqual(words.AsSpan(start + runs * length, length)))
                {
                    runs++;
                }
                if (runs >= needed)
                {
                    return true;
                }
            }
        }
        return false;
    }
}
