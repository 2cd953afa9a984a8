namespace VoiceGrains.Console.Softphone;

/// <summary>A Voice SDK access token (a JWT) for one operator's browser, the Voice SDK identity it names, and when it runs out.</summary>
public sealed record TwilioVoiceToken(string Token, string Identity, DateTimeOffset ExpiresAt);
