using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Grains.Calls;

/// <summary>
/// Which status may follow which. A call rings once, then moves freely between greeting, listening,
/// thinking and speaking (barge-in jumps from speaking straight back to listening); only EndAsync ends it.
/// </summary>
static class CallLifecycle
{
    public static bool CanMove(CallStatus from, CallStatus to) =>
        from != CallStatus.Ended && to is not (CallStatus.Ringing or CallStatus.Ended);
}
