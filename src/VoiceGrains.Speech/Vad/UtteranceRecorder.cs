namespace VoiceGrains.Speech.Vad;

/// <summary>
/// Cuts a call's audio into utterances for speech recognition: a <see cref="VadStream"/> decides where speech is,
/// and this keeps the last <c>preRoll</c> of audio at all times so an utterance starts that much before the VAD
/// noticed speech (its first syllable is often below the threshold). The VAD reports a start only once speech
/// has lasted its minimum duration, so the ring also holds up to a second more than the pre-roll to reach back
/// that far. Audio is held only while speech lasts.
/// </summary>
public sealed class UtteranceRecorder
{
    static readonly TimeSpan StartDelayAllowance = TimeSpan.FromSeconds(1);

    readonly VadStream vad;
    readonly TimeSpan preRoll;
    readonly float[] ring;
    readonly List<float> utterance = [];
    long written;             // samples seen so far
    long? recordingFrom;      // stream position of utterance[0]

    public UtteranceRecorder(VadStream vad, TimeSpan preRoll)
    {
        ArgumentNullException.ThrowIfNull(vad);
        ArgumentOutOfRangeException.ThrowIfLessThan(preRoll, TimeSpan.Zero);
        this.vad = vad;
        this.preRoll = preRoll;
        ring = new float[(int)((preRoll + StartDelayAllowance).TotalSeconds * vad.SampleRate)];
    }

    public int SampleRate => vad.SampleRate;

    /// <summary>How much audio has been pushed so far: the stream's "now".</summary>
    public TimeSpan Position => TimeSpan.FromSeconds((double)written / SampleRate);

    /// <summary>Adds audio; returns the VAD's events and, at each segment's end, the finished utterance.</summary>
    public List<object> Push(ReadOnlySpan<float> samples)
    {
        var events = vad.Push(samples);
        if (recordingFrom is not null)
        {
            utterance.AddRange(samples);
        }
        var results = new List<object>(events.Count);
        foreach (var e in events)
        {
            results.Add(e);
            if (e is SpeechStarted started && recordingFrom is null)
            {
                StartRecording(started, samples);
            }
            else if (e is SpeechEnded ended)
            {
                results.Add(Finish(ended));
            }
        }
        Remember(samples);
        return results;
    }

    /// <summary>Ends the stream: a segment still open becomes a last utterance.</summary>
    public List<object> Complete()
    {
        var results = new List<object>();
        foreach (var e in vad.Complete())
        {
            results.Add(e);
            if (e is SpeechEnded ended && recordingFrom is not null)
            {
                results.Add(Finish(ended));
            }
        }
        return results;
    }

    /// <summary>From the pre-roll before the reported start (as far as the ring reaches) up to the current block.</summary>
    void StartRecording(SpeechStarted started, ReadOnlySpan<float> current)
    {
        var wanted = Math.Max(0, (long)((started.At - preRoll).TotalSeconds * SampleRate));
        var from = Math.Max(wanted, written - Math.Min(written, ring.Length));
        utterance.Clear();
        for (var i = from; i < written; i++)
        {
            utterance.Add(ring[i % ring.Length]);
        }
        utterance.AddRange(current);
        recordingFrom = from;
    }

    Utterance Finish(SpeechEnded ended)
    {
        var from = recordingFrom!.Value;
        var endSample = Math.Min((long)(ended.End.TotalSeconds * SampleRate), from + utterance.Count);
        var audio = utterance.GetRange(0, (int)Math.Max(0, endSample - from)).ToArray();
        recordingFrom = null;
        utterance.Clear();
        return new Utterance(TimeSpan.FromSeconds((double)from / SampleRate), ended.Start, ended.End, audio, SampleRate);
    }

    void Remember(ReadOnlySpan<float> samples)
    {
        foreach (var sample in samples)
        {
            ring[written % ring.Length] = sample;
            written++;
        }
    }
}
