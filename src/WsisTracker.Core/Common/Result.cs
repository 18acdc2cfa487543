namespace WsisTracker.Core.Common;

/// <summary>The kinds of expected failure a feature service reports; front ends map each to one HTTP status or page state.</summary>
public enum ErrorKind
{
    Validation,
    NotFound,
    Conflict,
    PreconditionFailed,

    /// <summary>The principal may not do this at all (a contributor reviewing, a reviewer drafting for no stakeholder).</summary>
    Forbidden,
}

/// <summary>
/// An expected outcome that is not success. <see cref="Code"/> is stable (it becomes the ProblemDetails type);
/// <see cref="FieldErrors"/> name the input fields at fault, keyed by the input's property name.
/// </summary>
public sealed record Error(ErrorKind Kind, string Code, string Message, IReadOnlyDictionary<string, string[]>? FieldErrors = null)
{
    public static Error NotFound(string what, object key) =>
        new(ErrorKind.NotFound, "not-found", $"{what} '{key}' was not found.");

    public static Error Validation(string field, string message) =>
        new(ErrorKind.Validation, "validation", message, new Dictionary<string, string[]> { [field] = [message] });

    public static Error Validation(IReadOnlyDictionary<string, string[]> fieldErrors) =>
        new(ErrorKind.Validation, "validation", "One or more fields are invalid.", fieldErrors);

    public static Error ConcurrencyConflict(string what) =>
        new(ErrorKind.Conflict, "concurrency-conflict", $"{what} was changed by someone else since it was read. Reload it and apply your change again.");
}

/// <summary>An outcome that may have failed: the read cache keeps only those that succeeded.</summary>
public interface IOutcome
{
    bool Succeeded { get; }
}

public readonly record struct Result<T> : IOutcome
{
    private Result(T? value, Error? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public Error? Error { get; }

    public bool Succeeded => Error is null;

    public static Result<T> Success(T value) => new(value, null);

    public static Result<T> Failure(Error error) => new(default, error);

    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(Error error) => Failure(error);
}
