namespace VoiceGrains.Simulator;

/// <summary>
/// Twilio's buffer of agent audio on the phone's side: frames play one per 20 ms in the order received, a mark is
/// echoed once the audio before it has played (at once when nothing is buffered), and <c>clear</c> drops the
/// buffered audio and echoes the marks still pending, as Twilio's Media Streams documentation describes.
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

    public void Add(byte[] frame) => buffered.Enqueue(frame);

    public void AddMark(string name) => buffered.Enqueue(name);

    /// <summary>Plays one 20 ms frame (<paramref name="played"/>: null when none was buffered); returns the marks reached.</summary>
    public List<string> Tick(out byte[]? played)
    {
        var reached = TakeMarks();
        // A mark that came after the audio before it had played ends that sentence too, but late: the agent's audio ran
        // out first, as it does in a pause between sentences that synthesis has not caught up with.
        SentenceEndedLate |= !AtSentenceEnd && reached.Count > 0;
        played = null;
        if (buffered.TryDequeue(out var frame))
        {
            played = (byte[])frame;
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
}
