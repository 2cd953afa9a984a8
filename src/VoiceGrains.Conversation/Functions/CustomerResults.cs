namespace VoiceGrains.Conversation.Functions;

/// <summary>
/// The caller is identified (or verified further); only their first name is repeated back, nothing else from the record.
/// <see cref="MayChange"/>: two factors have verified them, so changes are allowed.
/// </summary>
public sealed record CallerIdentified(string? FirstName, string Method, bool MayChange);

/// <summary>A one-time code was texted to the customer's phone on file, the number ending in <see cref="PhoneEnding"/>.</summary>
public sealed record VerificationCodeSent(string PhoneEnding);

/// <summary>The caller could not be identified with what they gave; <see cref="AttemptsLeft"/> more tries.</summary>
public sealed record CallerNotFound(string Method, int AttemptsLeft) : IUnfulfilled;

public sealed record ContactUpdated(string Field, string Value);

public sealed record NoteAdded(long NoteId);

public sealed record CallbackScheduled(long FollowUpId, string When, string Reason);

/// <summary>The identified caller's payment methods, described without numbers beyond a card's last four digits.</summary>
public sealed record PaymentMethodsListed(IReadOnlyList<Data.Payments.PaymentMethod> Methods);
