namespace VoiceGrains.Data.Appointments;

/// <summary>A service customers can book, with the staff who perform it.</summary>
public sealed record Service(int Id, string Name, int DurationMinutes, decimal Price, IReadOnlyList<string> Staff);
