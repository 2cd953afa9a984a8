namespace VoiceGrains.Conversation.Functions;

/// <summary>
/// A function declined to act. <see cref="Reason"/> is said to the caller as it is; <see cref="Advice"/> tells a
/// language model what to do next.
/// </summary>
public sealed record Refusal(string Reason, string? Advice = null) : IUnfulfilled
{
    public static Refusal NotIdentified { get; } = new(
        "I need to verify who you are first.",
        "Ask for the caller's full name and ZIP code, or their email address, and identify them before anything else.");

    public static Refusal NeedsSecondFactor { get; } = new(
        "Before I change anything I need one more check.",
        "Changes need two factors. Ask for the identification the caller has not given yet (full name and ZIP code, or the email address), or offer to text a code to the phone number on file (customer_send_verification_code, then customer_verify_code).");

    /// <summary>Why the call may not change the customer's records yet (nobody verified, or one factor only); null when it may.</summary>
    public static Refusal? ForChange(CallerSession session, out long customerId)
    {
        ArgumentNullException.ThrowIfNull(session);
        customerId = session.CustomerId ?? 0;
        return session.CustomerId is null ? NotIdentified : session.MayChange ? null : NeedsSecondFactor;
    }
}
