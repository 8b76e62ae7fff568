namespace Dce.ContainerManagement.Apis;

/// <summary>A ConfigMap or Secret: its name, its keys and values (plain text), labels, and for secrets the type.</summary>
public sealed record DataRequest(string? Name, Dictionary<string, string>? Data, Dictionary<string, string>? Labels, string? Type)
{
    internal Validation Validate(bool requireName)
    {
        var validation = new Validation();
        if (requireName)
        {
            validation.Name("name", Name);
        }

        validation.Require(Data is not null, "data", "data is required: the keys and their values.");
        foreach (var key in Data?.Keys ?? Enumerable.Empty<string>())
        {
            validation.Require(key.Length is > 0 and <= 253 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'), $"data[{key}]",
                $"Key '{key}' may contain letters, digits, '-', '_' and '.' only.");
        }

        return validation;
    }
}
