using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using WelfareFlow.Evaluation;

namespace WelfareFlow.Http;

/// <summary>RFC 7807 responses, one wording per kind of refusal. Typed, so handlers can name them in
/// <c>Results&lt;…, ValidationProblem, ProblemHttpResult&gt;</c>.</summary>
public static class Problems
{
    public static ValidationProblem Validation(IEnumerable<ValidationError> errors) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            title: "The request has invalid fields.");

    public static ValidationProblem Validation(string field, string message) => Validation([new ValidationError(field, message)]);

    public static ProblemHttpResult Unauthorized(string detail) => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail);

    public static ProblemHttpResult Forbidden(string detail) => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);

    public static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    public static ProblemHttpResult Conflict(string detail) => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);
}
