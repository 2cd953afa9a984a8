namespace VoiceGrains.Telephony;

/// <summary>
/// What the product asks of the telephone carrier about a live call, apart from its audio: place it, move it to a
/// person, open its audio stream anew. The call that owns the conversation decides; this port only carries it out.
/// </summary>
public interface ICallControl
{
    /// <summary>Places the call (to an E.164 number) from the business's number; returns the carrier's call sid.</summary>
    /// <exception cref="CallControlException">The carrier refused, could not be reached, or is not configured.</exception>
    Task<string> DialAsync(DialRequest dial, CancellationToken cancellationToken);

    /// <summary>Replaces what the live call is doing with a connection to <paramref name="number"/> (a person).</summary>
    /// <exception cref="CallControlException">The carrier refused, could not be reached, or is not configured.</exception>
    Task TransferAsync(string callSid, string number, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the live call's media stream with a new one to the front ends' public address, which joins with
    /// <paramref name="mediaToken"/> (the front end that carried it is going away).
    /// </summary>
    /// <exception cref="CallControlException">The carrier refused, could not be reached, or is not configured.</exception>
    Task ReconnectMediaAsync(string callSid, string mediaToken, CancellationToken cancellationToken);
}
