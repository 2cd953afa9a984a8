using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using VoiceGrains.Data.Campaigns;

namespace VoiceGrains.Cli.Campaigns;

/// <summary>
/// A contact list as a CSV file with a header row: <c>phone</c> (E.164, required), and optionally <c>name</c>,
/// <c>customer_id</c> and <c>time_zone</c> (an IANA id), in any order and case. Read with CsvHelper (quoted fields,
/// commas inside names); what cannot be a contact is refused naming its line.
/// </summary>
static class ContactsCsv
{
    public static IReadOnlyList<NewContact> Read(TextReader text)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = header => header.Header.Trim().ToLowerInvariant(),
            TrimOptions = TrimOptions.Trim,
            DetectDelimiter = false,
        };
        using var csv = new CsvReader(text, configuration);
        if (!csv.Read() || !csv.ReadHeader())
        {
            throw new FormatException("The contact list is empty; it needs a header row with a phone column.");
        }
        if (csv.GetFieldIndex("phone", isTryGet: true) < 0)
        {
            throw new FormatException("The contact list has no phone column (the header row names the columns: phone, name, customer_id, time_zone).");
        }
        var contacts = new List<NewContact>();
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            var phone = csv.GetField("phone") ?? "";
            long? customer = null;
            if (Optional(csv, "customer_id") is { } id)
            {
                customer = long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : throw new FormatException($"Line {line}: customer_id '{id}' is not a number.");
            }
            var contact = new NewContact(phone, Optional(csv, "name"), customer, Optional(csv, "time_zone"));
            if (CampaignRepository.ContactProblem([contact]) is { } problem)
            {
                // The repository names the contact's place in the list ("Contact 1: …"); the file's line says more.
                throw new FormatException($"Line {line}: {problem[(problem.IndexOf(':', StringComparison.Ordinal) + 2)..]}");
            }
            contacts.Add(contact);
        }
        return contacts;
    }

    static string? Optional(CsvReader csv, string column) =>
        csv.GetFieldIndex(column, isTryGet: true) >= 0 && csv.GetField(column) is { Length: > 0 } value ? value : null;
}
