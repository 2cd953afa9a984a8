using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using VoiceGrains.Audio;
using VoiceGrains.Contracts;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Speech.Tts;

namespace VoiceGrains.Grains.Speech;

/// <summary>
/// Speaks for one call: sentences are synthesized on the inference pool and published on the call's audio-out
/// stream as speech in 200 ms batches, with a mark after each sentence (the caller's name for it, or "sentence-N")
/// that the carrier echoes once played. Output is paced to real time with a short lead: synthesis runs ~100× faster than speech, and a whole
/// reply dumped into the carrier's buffer could neither be cut off promptly nor tell what the caller heard.
/// Speaking runs in the background of the grain so <see cref="StopAsync"/> (always interleaved) can cut it off
/// at any batch; after a stop the carrier is told to clear the little it still buffers.
/// </summary>
public sealed partial class SynthesizerGrain(SpeechServices speech, ILogger<SynthesizerGrain> logger) : Grain, ISynthesizerGrain, IDisposable
{
    const int FramesPerBatch = 10;

    /// <summary>How far ahead of real time audio may be sent: enough to ride out network jitter, no more.</summary>
    static readonly TimeSpan Lead = TimeSpan.FromMilliseconds(300);

    readonly Channel<(string Text, string? Mark)> queue = Channel.CreateUnbounded<(string, string?)>();

    /// <summary>The sentences handed to synthesis, in order, not yet wholly spoken; each one's mark goes out when it has been.</summary>
    readonly Queue<(string Text, string? Mark, long TakenAt)> inSynthesis = new();
    CancellationTokenSource speaking = new();
    /// <summary>Audio of the sentence being spoken has gone out (its first audio is reported once).</summary>
    bool sentenceAudible;
    Task? speaker;
    Task? closing;
    int spoken;

    string CallSid => this.GetPrimaryKeyString();

    public Task SpeakAsync(IReadOnlyList<string> sentences, IReadOnlyList<string>? marks = null)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        if (marks is not null && marks.Count != sentences.Count)
        {
            throw new ArgumentException("One mark per sentence, or none.", nameof(marks));
        }
        if (speech.Voice is null)
        {
            Log.CannotSpeak(logger, CallSid);
            return Task.CompletedTask;
        }
        for (var i = 0; i < sentences.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(sentences[i]))
            {
                queue.Writer.TryWrite((sentences[i], marks?[i]));
            }
        }
        if (speaker is null || speaker.IsCompleted)
        {
            speaker = SpeakQueuedAsync(speaking.Token);
        }
        return Task.CompletedTask;
    }

    public async Task StopAsync()
    {
        await speaking.CancelAsync();
        while (queue.Reader.TryRead(out _))
        {
        }
        inSynthesis.Clear();
        sentenceAudible = false;
        if (speaker is not null)
        {
            await speaker;
        }
        speaker = null;
        speaking = new CancellationTokenSource();
        await SendAsync(new AgentClear());
    }

    public Task CloseMediaStreamAsync()
    {
        queue.Writer.TryComplete();
        closing ??= CloseAfterSpeechAsync();
        return Task.CompletedTask;
    }

    /// <summary>
    /// The close goes out after the last sentence queued: with the queue complete, the speaker ends once it has spoken
    /// (or been stopped). Run in the background of the grain, so the call that ends is not held up by the speech still
    /// playing.
    /// </summary>
    async Task CloseAfterSpeechAsync()
    {
        if (speaker is { } running)
        {
            await running;
        }
        await SendAsync(new CloseMediaStream());
    }

    async Task SpeakQueuedAsync(CancellationToken cancellationToken)
    {
        // Bounded to one batch, so a sentence is synthesized only shortly before it is needed. Synthesizing a whole reply
        // at once (an unbounded channel) put bursts of jobs on the inference pool that the other calls' VAD and first
        // sentences waited behind: voice-to-voice p95 at 8 calls rose to 765 and 944 ms (BENCHMARKS.md).
        var output = Channel.CreateBounded<SpeechOutput>(FramesPerBatch);
        var synthesizer = new SpeechSynthesizer(speech.Voice!, speech.Pool, speech.Phrases);
        // The producer stops with the speaker: left writing into a channel nobody reads, it would never finish, so a
        // failed speaker would neither be replaced nor let a stop return.
        using var producerStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producing = synthesizer.SpeakAsync(Sentences(producerStop.Token), output.Writer, producerStop.Token)
            .ContinueWith(t => output.Writer.TryComplete(t.Exception), TaskScheduler.Current);
        var batch = new List<byte>(FramesPerBatch * Frames.TelephonyFrameBytes);
        var clock = new Pacing();
        try
        {
            await foreach (var item in output.Reader.ReadAllAsync(cancellationToken))
            {
                if (item is SpeechFrame frame)
                {
                    batch.AddRange(frame.MuLaw);
                    if (batch.Count >= FramesPerBatch * Frames.TelephonyFrameBytes)
                    {
                        await PublishAsync(batch, clock, cancellationToken);
                    }
                }
                else if (item is SentenceSpoken)
                {
                    await PublishAsync(batch, clock, cancellationToken);
                    var mark = inSynthesis.Count > 0 ? inSynthesis.Dequeue().Mark : null;
                    await SendAsync(new AgentMark(mark ?? $"sentence-{spoken}"));
                    sentenceAudible = false;
                    spoken++;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.Interrupted(logger, CallSid);
        }
        catch (Exception e)
        {
            // Nobody awaits the speaker but a stop; the next sentence starts a new one.
            Log.SpeakingFailed(logger, e, CallSid);
            await producerStop.CancelAsync();
        }
        await producing;
    }

    /// <summary>Every sentence queued, as it is queued, until a stop: one speaker per grain, so output never interleaves.</summary>
    async IAsyncEnumerable<string> Sentences([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (text, mark) in queue.Reader.ReadAllAsync(cancellationToken))
        {
            inSynthesis.Enqueue((text, mark, System.Diagnostics.Stopwatch.GetTimestamp()));
            yield return text;
        }
    }

    async Task PublishAsync(List<byte> batch, Pacing clock, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }
        if (clock.Sent < clock.Elapsed)
        {
            clock.Sent = clock.Elapsed;          // idle since the last reply: pace this one from now, not from then
        }
        var ahead = clock.Sent - clock.Elapsed - Lead;
        if (ahead > TimeSpan.Zero)
        {
            await Task.Delay(ahead, cancellationToken);
        }
        await SendAsync(new AgentSpeech(batch.ToArray()));
        clock.Sent += TimeSpan.FromSeconds((double)batch.Count / Frames.TelephonyRate);
        batch.Clear();
        if (!sentenceAudible)
        {
            sentenceAudible = true;
            await ReportAudibleAsync();
        }
    }

    /// <summary>Tells the call when a named sentence's first audio went out, for the turn's latencies.</summary>
    async Task ReportAudibleAsync()
    {
        if (inSynthesis.TryPeek(out var sentence) && sentence.Mark is { } mark)
        {
            var synthesis = System.Diagnostics.Stopwatch.GetElapsedTime(sentence.TakenAt);
            await GrainFactory.GetGrain<ICallVoiceGrain>(CallSid).SentenceAudibleAsync(mark, DateTimeOffset.UtcNow, (int)synthesis.TotalMilliseconds);
        }
    }

    /// <summary>
    /// Publishes on audio-out. While a silo dies, the stream's queue may be out of reach for a few seconds: what is
    /// spoken then is lost (logged), but the speaker goes on, so the caller hears the agent again once the queue is back.
    /// Before, one failed publish ended the speaker and the agent fell silent for the rest of the call.
    /// </summary>
    async Task SendAsync(AgentAudio audio)
    {
        try
        {
            await AudioOut().OnNextAsync(audio);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            Log.AudioLost(logger, CallSid, e.GetType().Name);
        }
    }

    /// <summary>
    /// A silo that stops gracefully (SIGTERM: a rolling deploy) deactivates its grains, and soon after its stream providers
    /// are gone: a speaker left running then lost the rest of the reply ("Stream provider 'audio' not found") and the
    /// caller heard silence until the next line (measured: one answer lost, 4.3 s of silence, in two rollouts). So on that
    /// deactivation the speaker stops and what it has not finished saying — the sentence it was in, from its start, and
    /// those queued — is handed, with its marks, to the call's next synthesizer: the call made here waits, as any message
    /// to a deactivating activation does, and Orleans forwards it to a new activation on a silo that is not stopping.
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (reason.ReasonCode != DeactivationReasonCode.ShuttingDown || speaker is not { IsCompleted: false } running || closing is not null)
        {
            return;
        }
        await speaking.CancelAsync();
        await running;
        var unsaid = inSynthesis.Select(s => (s.Text, s.Mark)).ToList();
        while (queue.Reader.TryRead(out var queued))
        {
            unsaid.Add(queued);
        }
        if (unsaid.Count == 0)
        {
            return;
        }
        var marks = unsaid.Select((s, i) => s.Mark ?? $"sentence-{spoken + i}").ToList();
        Log.HandedOver(logger, CallSid, unsaid.Count);
        // Not awaited: the message waits for this activation to finish deactivating.
        _ = this.AsReference<ISynthesizerGrain>().SpeakAsync(unsaid.Select(s => s.Text).ToList(), marks);
    }

    /// <summary>Orleans disposes an activation that is disposable once it has deactivated.</summary>
    public void Dispose() => speaking.Dispose();

    /// <summary>Audio sent so far against time passed since speaking began.</summary>
    sealed class Pacing
    {
        readonly long started = System.Diagnostics.Stopwatch.GetTimestamp();

        public TimeSpan Sent { get; set; }

        public TimeSpan Elapsed => System.Diagnostics.Stopwatch.GetElapsedTime(started);
    }

    Orleans.Streams.IAsyncStream<AgentAudio> AudioOut() =>
        this.GetStreamProvider(StreamNames.AudioProvider).GetStream<AgentAudio>(StreamId.Create(StreamNames.AudioOut, CallSid));

    static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallSid}: no voice is available, so the agent cannot be heard")]
        public static partial void CannotSpeak(ILogger logger, string callSid);

        [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallSid}: speaking failed; the sentences queued so far are lost")]
        public static partial void SpeakingFailed(ILogger logger, Exception exception, string callSid);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallSid}: agent audio could not be published ({Error}); the agent goes on")]
        public static partial void AudioLost(ILogger logger, string callSid, string error);

        [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallSid}: the silo is stopping; {Count} sentence(s) not yet spoken go to the call's next synthesizer")]
        public static partial void HandedOver(ILogger logger, string callSid, int count);

        [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallSid}: speech stopped (barge-in)")]
        public static partial void Interrupted(ILogger logger, string callSid);
    }
}
