using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Polly;
using Polly.Retry;
using Orleans.Streams.Core;
using VoiceGrains.Audio;
using VoiceGrains.Contracts;
using VoiceGrains.Contracts.Calls;
using TurnEnding = VoiceGrains.Conversation.Understanding.TurnEnding;
using VoiceGrains.Speech.Stt;
using VoiceGrains.Speech.Vad;

namespace VoiceGrains.Grains.Speech;

/// <summary>
/// Listens to one call's audio-in stream: Silero VAD at 8 kHz on the inference pool; the first voice (the agent
/// pauses), a false start (it goes on) and speech start (barge-in) reported to the call at once; each utterance
/// (with its pre-roll) resampled to 16 kHz and recognized on the pool, then appended to the call as a caller turn
/// with its recognition time. Recognition runs alongside listening, so the VAD keeps up while a long utterance is
/// transcribed; results are reported in utterance order.
/// <para>
/// A line whose words stop where a sentence cannot end ("my order number is", "and um": <see cref="TurnEnding"/>) is
/// held for <see cref="TurnEnding.UnfinishedWait"/> instead of being answered: if the caller goes on, the next utterance joins it
/// as one line; if not (no voice by then, and none still going), it is handed over as it is, its end-of-turn time
/// including the wait. The VAD's silence (250 ms) is tuned for answers that are finished; this waits out the pauses of
/// a caller who is not.
/// </para>
/// </summary>
[ImplicitStreamSubscription(StreamNames.AudioIn)]
public sealed partial class RecognizerGrain(SpeechServices speech, ILogger<RecognizerGrain> logger)
    : Grain, IRecognizerGrain, IStreamSubscriptionObserver
{
    UtteranceRecorder? recorder;
    Task reporting = Task.CompletedTask;
    bool saidCannotHear;
    HeldLine? held;
    /// <summary>The VAD hears a voice that has not yet ended as an utterance or a false start.</summary>
    bool voiceGoingOn;

    string CallSid => this.GetPrimaryKeyString();

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        await handleFactory.Create<CallerAudio>().ResumeAsync(OnAudioAsync);
    }

    async Task OnAudioAsync(CallerAudio audio, StreamSequenceToken? token)
    {
        if (speech.Vad is null || speech.Recognizer is null)
        {
            if (!saidCannotHear)
            {
                Log.CannotHear(logger, CallSid);
                saidCannotHear = true;
            }
            return;
        }

        recorder ??= new UtteranceRecorder(new VadStream(speech.Vad, Frames.TelephonyRate, speech.VadOptions), speech.PreRoll);
        var samples = MuLaw.DecodeToFloat(audio.MuLaw);
        var events = await speech.Pool.RunAsync("vad", _ => Task.FromResult(recorder.Push(samples)), CancellationToken.None);
        foreach (var e in events.Value)
        {
            switch (e)
            {
                case VoiceOnset:
                    voiceGoingOn = true;
                    await GrainFactory.GetGrain<ICallHearingGrain>(CallSid).CallerMayBeSpeakingAsync();
                    break;
                case FalseStart:
                    voiceGoingOn = false;
                    await GrainFactory.GetGrain<ICallHearingGrain>(CallSid).CallerFalseStartAsync();
                    break;
                case SpeechStarted:
                    await GrainFactory.GetGrain<ICallHearingGrain>(CallSid).CallerStartedSpeakingAsync();
                    break;
                case Utterance utterance:
                    voiceGoingOn = false;
                    if (held is { } waiting)
                    {
                        waiting.Continued = true;                      // this utterance's report takes the held line
                    }
                    // When the caller's voice ended on the wall clock: the VAD says so only after its silence wait.
                    var endOfTurn = recorder.Position - utterance.SpeechEnd;
                    reporting = ReportAsync(reporting, utterance, DateTimeOffset.UtcNow - endOfTurn, endOfTurn);
                    break;
            }
        }
    }

    /// <summary>
    /// Recognizes one utterance after the previous report finished and hands it to the call. It never throws: a report runs
    /// in the background of the stream, so each failure is logged here and the call goes on hearing.
    /// </summary>
    async Task ReportAsync(Task previous, Utterance utterance, DateTimeOffset voiceEnded, TimeSpan endOfTurn)
    {
        // One call's utterances are recognized one after another, in the order they were spoken; calls still
        // share the pool side by side.
        await previous;
        try
        {
            var heard = await RecognizeAsync(utterance);
            var line = heard.Text.Length == 0 ? null : new NewTurn(Speaker.Caller, heard.Text, voiceEnded - (utterance.SpeechEnd - utterance.SpeechStart), voiceEnded,
                new TurnLatency(SpeechToTextMs: (int)(heard.QueueWait + heard.Inference).TotalMilliseconds, EndOfTurnMs: (int)endOfTurn.TotalMilliseconds));
            if (held is { } earlier)
            {
                held = null;
                await earlier.Expiry.CancelAsync();
                line = line is null ? earlier.Released() : earlier.JoinedWith(line);
            }
            if (line is null)
            {
                Log.NothingRecognized(logger, CallSid, utterance.SpeechEnd - utterance.SpeechStart);
                return;
            }
            if (TurnEnding.SoundsUnfinished(line.Text))
            {
                held = new HeldLine(line);
                _ = ReleaseWhenDoneAsync(held);
                return;
            }
            await HandOverAsync(line);
        }
        catch (Exception e)
        {
            Log.RecognitionFailed(logger, CallSid, e.Message);
        }
    }

    /// <summary>
    /// Hands a held line over once <see cref="TurnEnding.UnfinishedWait"/> has passed with no voice going on; not when an utterance
    /// came meanwhile (its report joins the two) or the hold was taken.
    /// </summary>
    async Task ReleaseWhenDoneAsync(HeldLine hold)
    {
        try
        {
            do
            {
                await Task.Delay(TurnEnding.UnfinishedWait, hold.Expiry.Token);
                if (hold.Continued || held != hold)
                {
                    return;
                }
            }
            while (voiceGoingOn);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        held = null;
        reporting = ReleaseAfterAsync(reporting, hold.Released());
    }

    async Task ReleaseAfterAsync(Task previous, NewTurn line)
    {
        await previous;
        try
        {
            await HandOverAsync(line);
        }
        catch (Exception e)
        {
            Log.RecognitionFailed(logger, CallSid, e.Message);
        }
    }

    /// <summary>
    /// Gives the call a line, through <see cref="Handover"/>'s retries, on this activation's scheduler throughout: Polly
    /// resumes after its waits off the activation unless its context says otherwise, and Orleans refuses grain services
    /// there ("Activation access violation"; see DatabaseRetry.RunAsync).
    /// </summary>
    async Task HandOverAsync(NewTurn line)
    {
        var call = GrainFactory.GetGrain<ICallHearingGrain>(CallSid);
        var context = ResilienceContextPool.Shared.Get(continueOnCapturedContext: true);
        try
        {
            await Handover.ExecuteAsync(static async (_, handOver) => await handOver.Call.HearAsync(handOver.Line), context, (Call: call, Line: line));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// A line the call could not take because its database was unreachable (after the call's own retries) is handed
    /// over again rather than dropped: the caller said it, and a lost line was a lost booking. Polly's retry, for about
    /// 30 s more. Only <see cref="DatabaseUnavailableException"/> is retried: the call refused the line before storing it.
    /// </summary>
    static readonly ResiliencePipeline Handover = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<DatabaseUnavailableException>(),
            MaxRetryAttempts = 6,
            Delay = TimeSpan.FromSeconds(1),
            BackoffType = DelayBackoffType.Linear,
            MaxDelay = TimeSpan.FromSeconds(8),
        })
        .Build();

    /// <summary>Resampling to Whisper's rate is CPU work too: it runs on the pool, then recognition takes its own slot.</summary>
    async Task<Transcription> RecognizeAsync(Utterance utterance)
    {
        var wideband = await speech.Pool.RunAsync("resample",
            _ => Task.FromResult(Resampler.Convert(utterance.Audio, utterance.SampleRate, WhisperTranscriber.SampleRate)), CancellationToken.None);
        return await speech.Recognizer!.TranscribeAsync(wideband.Value, CancellationToken.None);
    }

    static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallSid}: no speech model is installed, so the caller cannot be heard")]
        public static partial void CannotHear(ILogger logger, string callSid);

        [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallSid}: {Duration} of speech with no words recognized")]
        public static partial void NothingRecognized(ILogger logger, string callSid, TimeSpan duration);

        [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallSid}: an utterance was lost ({Reason})")]
        public static partial void RecognitionFailed(ILogger logger, string callSid, string reason);
    }
}
