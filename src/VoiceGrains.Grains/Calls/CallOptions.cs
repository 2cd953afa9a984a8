namespace VoiceGrains.Grains.Calls;

/// <summary>How a call waits for its caller, and where it hands them on (configuration section "Calls").</summary>
public sealed class CallOptions
{
    public const string Section = "Calls";

    /// <summary>Caller silence after the agent has finished speaking before it asks "are you still there?"; a second silence ends the call.</summary>
    public TimeSpan SilencePrompt { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>A pause after the last key pressed that ends a keypad entry, as # does.</summary>
    public TimeSpan KeypadPause { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A call whose media stream has not joined this long after its token expired (Twilio:MediaTokenLifetime) never
    /// will: it is ended as "never_connected" rather than staying "ringing" in the active list for ever. Also how often
    /// the silos look for such calls.
    /// </summary>
    public TimeSpan NeverConnectedGrace { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Where the agent's transfer to a person sends the caller (E.164). Without it a transfer fails and is recorded so.</summary>
    public string? TransferNumber { get; set; }

    /// <summary>Where a lead the call graded hot is transferred (E.164); without it, to <see cref="TransferNumber"/>.</summary>
    public string? SalesNumber { get; set; }
}
