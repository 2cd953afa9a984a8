using VoiceGrains.Data.Surveys;

namespace VoiceGrains.Data.Leads;

/// <summary>A lead as its latest qualification left it: score, grade, and the next step it took, if any.</summary>
public sealed record Lead(
    long Id, string Phone, string? Name, long? CustomerId, int Score, LeadGrade Grade, LeadNextStep? NextStep, long? DemoAppointmentId, DateTimeOffset QualifiedAt);
