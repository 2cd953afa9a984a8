namespace VoiceGrains.Console.Calls;

/// <summary>The body of <c>POST /api/calls</c>: whom to call (E.164), why (the agent opens with it), and which customer it is for.</summary>
public sealed record OutboundCallRequest(string? To, string? Purpose, long? Customer);
