namespace VoiceGrains.Grains.Calls.Turns;

/// <summary>
/// How long the caller takes to hear a text: 0.4 s a word (150 words a minute; the built-in voice speaks a little
/// faster), and 0.4 s for each letter and digit of a word with digits in it, which a voice reads out one by one or as
/// a number of several words (espeak-ng en+f3 took 7.6 s over "tracking number 1Z999AA10079205838", and 37.8 s over
/// the demo's order reply of 76 words, which 0.4 s a word put at 30.4 s). The call waits this long, when the
/// carrier's marks do not say it sooner, before it takes a reply as heard and counts silence, since the synthesizer
/// is paced to real time and the caller cannot answer before the agent has finished: too short, and the call asked
/// "are you still there?" of a caller still hearing the answer. A longer guess only waits longer for lost marks.
/// </summary>
static class SpokenDuration
{
    const double SecondsPerWord = 0.4;
    const double SecondsPerSpelledCharacter = 0.4;

    public static TimeSpan Of(string text) =>
        TimeSpan.FromSeconds(text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Sum(word => word.Any(char.IsAsciiDigit)
            ? SecondsPerSpelledCharacter * word.Count(char.IsAsciiLetterOrDigit)
            : SecondsPerWord));
}
