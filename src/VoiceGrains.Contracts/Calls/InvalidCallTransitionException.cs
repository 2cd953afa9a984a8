namespace VoiceGrains.Contracts.Calls;

/// <summary>A request that the call's lifecycle does not allow, such as speaking on an ended call.</summary>
[GenerateSerializer, Alias("VoiceGrains.InvalidCallTransitionException")]
public sealed class InvalidCallTransitionException(string message) : InvalidOperationException(message);
