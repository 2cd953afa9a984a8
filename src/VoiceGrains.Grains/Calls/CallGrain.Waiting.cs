using System.Text;
using Microsoft.Extensions.Logging;
using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Grains.Calls;

/// <summary>
/// The caller's side of the turn-taking besides speech: keys pressed on the keypad, heard as one caller turn
/// when # is pressed or the caller pauses (so a number can be keyed where one is expected), and silence: once
/// the agent has finished, the caller is asked once whether they are still there, and a second silence ends the call.
/// </summary>
public sealed partial class CallGrain
{
    const string StillThere = "Are you still there? I'm here whenever you're ready.";
    const string NoAnswerGoodbye = "It seems we've lost each other. Thanks for calling, goodbye.";

    readonly StringBuilder keypad = new();
    IGrainTimer? keypadTimer;
    IGrainTimer? silenceTimer;
    int silencePrompts;

    public async Task PressAsync(string digit)
    {
        ArgumentNullException.ThrowIfNull(digit);
        if (digit is not [var key] || !(char.IsAsciiDigit(key) || key is '*' or '#'))
        {
            throw new ArgumentException($"'{digit}' is not a telephone key (0-9, * or #).", nameof(digit));
        }
        RequireStarted();
        if (state.State.Status == CallStatus.Ended)
        {
            return;
        }

        await CallerActiveAsync();
        keypadTimer?.Dispose();
        switch (key)
        {
            case '#':
                await EnterKeypadAsync();
                break;
            case '*':
                keypad.Clear();
                break;
            default:
                keypad.Append(key);
                keypadTimer = this.RegisterGrainTimer(EnterKeypadAsync, new GrainTimerCreationOptions(options.Value.KeypadPause, Timeout.InfiniteTimeSpan));
                break;
        }
    }

    async Task EnterKeypadAsync()
    {
        keypadTimer?.Dispose();
        keypadTimer = null;
        if (keypad.Length == 0 || state.State.Status == CallStatus.Ended)
        {
            return;
        }
        var digits = keypad.ToString();
        keypad.Clear();
        var now = DateTimeOffset.UtcNow;
        await HearAsync(new NewTurn(Speaker.Caller, digits, now, now));
    }

    /// <summary>The caller is speaking or keying: barge-in if the agent talks, and no more waiting for silence.</summary>
    async Task CallerActiveAsync()
    {
        silenceTimer?.Dispose();
        silenceTimer = null;
        silencePrompts = 0;
        await CallerStartedSpeakingAsync();
    }

    /// <summary>Silence is counted once the caller has heard what is still playing (<paramref name="playing"/>).</summary>
    void AwaitCaller(TimeSpan playing)
    {
        silenceTimer?.Dispose();
        silenceTimer = this.RegisterGrainTimer(OnSilenceAsync, new GrainTimerCreationOptions(playing + options.Value.SilencePrompt, Timeout.InfiniteTimeSpan));
    }

    async Task OnSilenceAsync()
    {
        silenceTimer?.Dispose();
        silenceTimer = null;
        if (state.State.Status is not (CallStatus.Listening or CallStatus.Greeting))
        {
            return;
        }
        var prompt = ++silencePrompts == 1 ? StillThere : NoAnswerGoodbye;
        Log.Silence(logger, CallSid, silencePrompts);
        await SayAsync(prompt);
        if (silencePrompts == 1)
        {
            AwaitCaller(SpokenDuration.Of(prompt));
        }
        else
        {
            silenceTimer = this.RegisterGrainTimer(() => EndAsync("no answer"), new GrainTimerCreationOptions(SpokenDuration.Of(prompt), Timeout.InfiniteTimeSpan));
        }
    }

    /// <summary>Something the call itself says (not the agent's reply): stored, spoken, and known to the agent.</summary>
    async Task SayAsync(string text)
    {
        var now = DateTimeOffset.UtcNow;
        await StoreAsync(new CallTurn(state.State.Turns.Count, Speaker.Agent, text, now, now, new TurnLatency()));
        agent?.NoteSaid(text);
        await GrainFactory.GetGrain<ISynthesizerGrain>(CallSid).SpeakAsync([text]);
    }

    static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallSid}: caller silent ({Prompts})")]
        public static partial void Silence(ILogger logger, string callSid, int prompts);
    }
}
