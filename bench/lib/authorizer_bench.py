"""S12 (issue 18): S1's proxy behind a cached Lambda TOKEN authorizer, configured through the real AWS CLI on S1's
JVM. The authorizer (a local Python function) allows every method of the API; its result is cached for 300 s per
token, so after the first request of the token every request takes the cached path: identity read, validation
expression, cache lookup, the cached policy evaluated against the request's method ARN, $context.authorizer set.
The ratio to S1 is the price of that path.
"""
import io
import os
import zipfile

FUNCTION = "bench-authorizer"
TOKEN = "allow-bench-token-0123456789"
HANDLER = (
    "def handler(event, context):\n"
    "    arn = event['methodArn']\n"
    "    return {'principalId': 'bench', 'context': {'tier': 'gold'}, 'policyDocument': {\n"
    "        'Version': '2012-10-17', 'Statement': [{'Action': 'execute-api:Invoke', 'Effect': 'Allow',\n"
    "        'Resource': arn.split('/')[0] + '/*'}]}}\n")


def configure(ep, aws_factory, work, backend_port):
    """The role, the authorizer function and its permission, the API; returns (api_id, token)."""
    iam, lam, apigw = aws_factory(ep, "iam"), aws_factory(ep, "lambda"), aws_factory(ep)
    role = iam("create-role", "--role-name", "bench-authorizer-role", "--assume-role-policy-document",
               '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":'
               '"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}', "--query", "Role.Arn", "--output", "text")
    zip_path = os.path.join(work, FUNCTION + ".zip")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("app.py", HANDLER)
    with open(zip_path, "wb") as f:
        f.write(buf.getvalue())
    arn = lam("create-function", "--function-name", FUNCTION, "--runtime", "python3.12", "--handler",
              "app.handler", "--role", role, "--zip-file", "fileb://" + zip_path, "--query", "FunctionArn",
              "--output", "text")
    api_id, root = apigw("create-rest-api", "--name", "bench-authorizer", "--query", "[id,rootResourceId]",
                         "--output", "text").split()
    authorizer = apigw("create-authorizer", "--rest-api-id", api_id, "--name", "bench", "--type", "TOKEN",
                       "--authorizer-uri",
                       "arn:aws:apigateway:%s:lambda:path/2015-03-31/functions/%s/invocations" % (ep["region"], arn),
                       "--identity-source", "method.request.header.Authorization",
                       "--identity-validation-expression", "^allow-[a-z0-9-]+$",
                       "--query", "id", "--output", "text")
    lam("add-permission", "--function-name", FUNCTION, "--statement-id", "bench", "--action",
        "lambda:InvokeFunction", "--principal", "apigateway.amazonaws.com", "--source-arn",
        "arn:aws:execute-api:%s:%s:%s/authorizers/%s" % (ep["region"], ep["accountId"], api_id, authorizer))
    res = apigw("create-resource", "--rest-api-id", api_id, "--parent-id", root, "--path-part", "bench",
                "--query", "id", "--output", "text")
    apigw("put-method", "--rest-api-id", api_id, "--resource-id", res, "--http-method", "GET",
          "--authorization-type", "CUSTOM", "--authorizer-id", authorizer)
    apigw("put-integration", "--rest-api-id", api_id, "--resource-id", res, "--http-method", "GET",
          "--type", "HTTP_PROXY", "--integration-http-method", "GET",
          "--uri", "http://127.0.0.1:%d/bench" % backend_port)
    apigw("create-deployment", "--rest-api-id", api_id, "--stage-name", "prod")
    return api_id, TOKEN
