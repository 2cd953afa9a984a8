namespace VoiceGrains.Data.Business;

/// <summary>The schema is there but no business is: nothing to answer calls for until one is loaded.</summary>
public sealed class BusinessNotSetUpException()
    : DatabaseSetupException("The database has no business set up yet: run 'voicegrains db migrate --seed' for the demo business, or insert your own business row.");
