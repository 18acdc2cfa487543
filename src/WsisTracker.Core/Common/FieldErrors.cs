using System.Text.Json;

namespace WsisTracker.Core.Common;

/// <summary>
/// Collects field-level validation messages so a rule check can report every problem at once. Field names are
/// camelCased, as the API's JSON and the pages' form fields name them.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    /// <summary>How many messages there are, so a check can tell whether it added one.</summary>
    public int Count => _errors.Values.Sum(list => list.Count);

    public void Add(string field, string message)
    {
        field = JsonNamingPolicy.CamelCase.ConvertName(field);
        if (!_errors.TryGetValue(field, out var list))
        {
            list = [];
            _errors[field] = list;
        }

        list.Add(message);
    }

    /// <summary>Moves the messages of field <paramref name="from"/> to field <paramref name="to"/>, after those it already has.</summary>
    public void Move(string from, string to)
    {
        from = JsonNamingPolicy.CamelCase.ConvertName(from);
        if (_errors.Remove(from, out var moved))
        {
            foreach (var message in moved)
            {
                Add(to, message);
            }
        }
    }

    public Error ToError() =>
        Error.Validation(_errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal));
}
