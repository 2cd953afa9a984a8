namespace VoiceGrains.Conversation.Functions;

/// <summary>The caller is identified; only their first name is repeated back, nothing else from the record.</summary>
public sealed record CallerIdentified(string? FirstName, string Method);

/// <summary>The caller could not be identified with what they gave; <see cref="AttemptsLeft"/> more tries.</summary>
public sealed record CallerNotFound(string Method, int AttemptsLeft) : IUnfulfilled;

public sealed record ContactUpdated(string Field, string Value);

public sealed record NoteAdded(long NoteId);

public sealed record CallbackScheduled(long FollowUpId, string When, string Reason);

/// <summary>The identified caller's payment methods, described without numbers beyond a card's last four digits.</summary>
public sealed record PaymentMethodsListed(IReadOnlyList<Data.Payments.PaymentMethod> Methods);
