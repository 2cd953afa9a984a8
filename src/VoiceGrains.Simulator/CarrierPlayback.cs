namespace VoiceGrains.Simulator;

/// <summary>
/// Twilio's buffer of agent audio on the phone's side: frames play one per 20 ms in the order received, a mark is
/// echoed once the audio before it has played (at once when nothing is buffered), and <c>clear</c> drops the
/// buffered audio and echoes the marks still pending, as Twilio's Media Streams documentation describes.
/// A frame plays no earlier than it arrived: a tick loop that fell behind and catches up in a burst of ticks stamped
/// before now would otherwise play audio at a time before it was sent, and the speakerphone echo made of it would
/// come, by those stamps (which the front end's echo canceller lines echo up by), before its own audio: an echo no
/// carrier can make.
/// Not thread-safe: the call's tick loop and receive loop share it under one lock.
/// </summary>
sealed class CarrierPlayback
{
    readonly Queue<object> buffered = new();

    public bool IsEmpty => buffered.Count == 0;

    /// <summary>
    /// Whether what played last ended a sentence (its mark came next), as it does when the agent stops on purpose;
    /// false while audio stopped mid-sentence (a stall on the way), which a caller does not take for the agent being done.
    /// </summary>
    public bool AtSentenceEnd { get; private set; } = true;

    /// <summary>
    /// Whether what played last ended a sentence whose mark came only after its audio had run out: the reply may have
    /// ended, or the agent may be about to go on after a pause that synthesis has not caught up with.
    /// </summary>
    public bool SentenceEndedLate { get; private set; }

    /// <summary>A frame of agent audio that arrived at <paramref name="arrivedAt"/> (the call's clock, ms).</summary>
    public void Add(byte[] frame, double arrivedAt) => buffered.Enqueue(new Arrived(frame, arrivedAt));

    public void AddMark(string name) => buffered.Enqueue(name);

    /// <summary>
    /// Plays the 20 ms frame due at <paramref name="at"/> (the call's clock, ms; <paramref name="played"/>: null when
    /// none had arrived by then); returns the marks reached.
    /// </summary>
    public List<string> Tick(out byte[]? played, double at)
    {
        var reached = TakeMarks();
        // A mark that came after the audio before it had played ends that sentence too, but late: the agent's audio ran
        // out first, as it does in a pause between sentences that synthesis has not caught up with.
        SentenceEndedLate |= !AtSentenceEnd && reached.Count > 0;
        played = null;
        if (buffered.TryPeek(out var head) && head is Arrived { } frame && frame.At <= at)
        {
            buffered.Dequeue();
            played = frame.Audio;
            var ended = TakeMarks();
            AtSentenceEnd = ended.Count > 0;
            SentenceEndedLate = false;
            reached.AddRange(ended);
        }
        return reached;
    }

    /// <summary>Drops buffered audio; returns the marks that were pending, which Twilio echoes on a clear.</summary>
    public List<string> Clear()
    {
        var pending = buffered.OfType<string>().ToList();
        buffered.Clear();
        AtSentenceEnd = true;
        SentenceEndedLate = false;
        return pending;
    }

    List<string> TakeMarks()
    {
        var marks = new List<string>();
        while (buffered.TryPeek(out var head) && head is string mark)
        {
            buffered.Dequeue();
            marks.Add(mark);
        }
        return marks;
    }

    sealed record Arrived(byte[] Audio, double At);
}
