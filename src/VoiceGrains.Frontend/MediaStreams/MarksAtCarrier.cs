namespace VoiceGrains.Frontend.MediaStreams;

/// <summary>
/// The marks sent to Twilio and not yet echoed. A <c>clear</c> makes Twilio echo every pending mark at once, though
/// the audio before it was never played; those echoes must not tell the call the caller heard it (a barge-in would
/// keep words nobody heard, and a paused reply would skip them). Echoes arrive in the order Twilio sends them, so a
/// mark sent again after the clear is told apart from the cleared one by its place. Thread-safe: marks are sent by
/// the session's sender loop and echoed to its receive loop.
/// </summary>
sealed class MarksAtCarrier
{
    readonly Lock gate = new();
    readonly List<string> pending = [];
    readonly List<string> cleared = [];

    public void Sent(string mark)
    {
        lock (gate)
        {
            pending.Add(mark);
        }
    }

    public void Cleared()
    {
        lock (gate)
        {
            cleared.AddRange(pending);
            pending.Clear();
        }
    }

    /// <summary>True when an echo means the caller heard the audio before the mark; false for one a clear sent back.</summary>
    public bool Played(string mark)
    {
        lock (gate)
        {
            if (cleared.Remove(mark))
            {
                return false;
            }
            pending.Remove(mark);
            return true;
        }
    }
}
