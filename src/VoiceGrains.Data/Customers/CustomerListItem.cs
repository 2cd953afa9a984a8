namespace VoiceGrains.Data.Customers;

/// <summary>A customer as the operators' list shows them (the customer_activity view, with their open follow-ups).</summary>
public sealed record CustomerListItem(long Id, string? Name, string Phone, long Calls, DateTimeOffset? LastCallAt, long OpenFollowUps);
