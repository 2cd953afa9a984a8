namespace VoiceGrains.Conversation.Functions;

/// <summary>
/// A result that means the caller did not get what was asked (a refusal, no matching customer, a slot taken
/// first): the function-call log records such calls as unsuccessful.
/// </summary>
public interface IUnfulfilled;
