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

    public void Add(byte[] frame) => buffered.Enqueue(frame);

    public void AddMark(string name) => buffered.Enqueue(name);

    /// <summary>Plays one 20 ms frame; returns the marks reached.</summary>
    public List<string> Tick()
    {
        var reached = TakeMarks();
        if (buffered.TryDequeue(out _))
        {
            reached.AddRange(TakeMarks());
        }
        return reached;
    }

    /// <summary>Drops buffered audio; returns the marks that were pending, which Twilio echoes on a clear.</summary>
    public List<string> Clear()
    {
        var pending = buffered.OfType<string>().ToList();
        buffered.Clear();
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
