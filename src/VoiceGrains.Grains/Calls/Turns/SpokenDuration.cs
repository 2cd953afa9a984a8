namespace VoiceGrains.Grains.Calls.Turns;

/// <summary>
/// How long the caller takes to hear a text, at 150 words a minute (the built-in voice speaks a little faster).
/// The call waits this long before it counts silence, since the synthesizer is paced to real time and the
/// caller cannot answer before the agent has finished.
/// </summary>
static class SpokenDuration
{
    public static TimeSpan Of(string text) =>
        TimeSpan.FromSeconds(0.4 * text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
}
