namespace VoiceGrains.Data.Business;

public sealed record Holiday(DateOnly Day, string Name);
