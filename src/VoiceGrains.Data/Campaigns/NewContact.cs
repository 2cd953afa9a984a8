namespace VoiceGrains.Data.Campaigns;

/// <summary>One person to call, as imported: an E.164 number, optionally a name, the customer it is, and their time zone (IANA id).</summary>
public sealed record NewContact(string Phone, string? Name = null, long? CustomerId = null, string? TimeZone = null);
