using System.Diagnostics.CodeAnalysis;

namespace WsisTracker.Core.Common;

/// <summary>The kinds of expected failure a feature service reports; front ends map each to one HTTP status or page state.</summary>
public enum ErrorKind
{
    Validation,
    NotFound,
    Conflict,

    /// <summary>The caller read an older version of the row than the database holds (<see cref="Error.StaleVersion"/>).</summary>
    StaleVersion,

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

    /// <summary>The code of <see cref="StaleVersion"/>: the API's problem type for a stale <c>If-Match</c>.</summary>
    public const string StaleVersionCode = "version-mismatch";

    /// <summary>The one error for a write made on a version older than the row's: the pages show the conflict, the API answers 412.</summary>
    public static Error StaleVersion(string what) =>
        new(ErrorKind.StaleVersion, StaleVersionCode, $"The {what.ToLowerInvariant()} was changed by someone else since you read it. Reload it and apply your change again.");
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
        Succeeded = error is null;
    }

    public T? Value { get; }

    public Error? Error { get; }

    /// <summary>
    /// True when there is a <see cref="Value"/>, false when there is an <see cref="Error"/>: after checking it the
    /// compiler knows which one is set, so no caller needs <c>!</c>.
    /// </summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded { get; }

    public static Result<T> Success(T value) => new(value, null);

    public static Result<T> Failure(Error error) => new(default, error);

    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(Error error) => Failure(error);
}
