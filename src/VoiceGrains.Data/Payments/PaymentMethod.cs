namespace VoiceGrains.Data.Payments;

/// <summary>
/// A way a customer pays, as the agent may speak of it: the kind (credit_card, paypal, gift_card), a description with
/// no card number ("Visa ending in 4242"), and a gift card's balance.
/// </summary>
public sealed record PaymentMethod(long Id, string Kind, string Description, decimal? Balance);
