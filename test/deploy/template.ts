/** Reading a packaged CloudFormation template the way CloudFormation would for a given set of stack parameters. */

export interface Resource {
  Type: string;
  Condition?: string;
  DependsOn?: string | string[];
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Properties?: Record<string, any>;
}

export interface Template {
  Parameters?: Record<string, { Default?: string; AllowedValues?: string[] }>;
  Conditions?: Record<string, unknown>;
  Resources: Record<string, Resource>;
  Outputs?: Record<string, { Value: unknown; Condition?: string; Export?: { Name: unknown } }>;
}

/**
 * The template with its conditions decided: resources and outputs whose condition is false are gone and every
 * Fn::If is replaced by its chosen branch; a Ref to a parameter becomes its value, the default unless overridden.
 */
export function effectiveTemplate(template: Template, overrides: Record<string, string> = {}): Template {
  const parameters: Record<string, string> = {};
  for (const [name, parameter] of Object.entries(template.Parameters ?? {})) {
    const value = overrides[name] ?? parameter.Default;
    if (value === undefined) throw new Error(`parameter ${name} has no value`);
    if (parameter.AllowedValues && !parameter.AllowedValues.includes(value))
      throw new Error(`${name}=${value} is not allowed`);
    parameters[name] = value;
  }
  const conditions: Record<string, boolean> = {};
  const decide = (name: string): boolean => {
    if (!(name in conditions)) {
      const expression = template.Conditions?.[name];
      if (expression === undefined) throw new Error(`no condition ${name}`);
      conditions[name] = truth(expression);
    }
    return conditions[name]!;
  };
  const scalar = (value: unknown): unknown => {
    if (isObject(value) && typeof value.Ref === 'string' && value.Ref in parameters) return parameters[value.Ref];
    return value;
  };
  const truth = (expression: unknown): boolean => {
    if (!isObject(expression)) throw new Error(`not a condition: ${JSON.stringify(expression)}`);
    if ('Fn::Equals' in expression) {
      const [a, b] = expression['Fn::Equals'] as unknown[];
      return JSON.stringify(scalar(a)) === JSON.stringify(scalar(b));
    }
    if ('Fn::Not' in expression) return !truth((expression['Fn::Not'] as unknown[])[0]);
    if ('Fn::And' in expression) return (expression['Fn::And'] as unknown[]).every(truth);
    if ('Fn::Or' in expression) return (expression['Fn::Or'] as unknown[]).some(truth);
    if ('Condition' in expression) return decide(expression.Condition as string);
    throw new Error(`unsupported condition ${JSON.stringify(expression)}`);
  };
  const resolve = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(resolve).filter((item) => item !== NO_VALUE);
    if (!isObject(value)) return value;
    if ('Fn::If' in value) {
      const [condition, whenTrue, whenFalse] = value['Fn::If'] as [string, unknown, unknown];
      return resolve(decide(condition) ? whenTrue : whenFalse);
    }
    if (value.Ref === 'AWS::NoValue') return NO_VALUE;
    if (typeof value.Ref === 'string' && value.Ref in parameters) return parameters[value.Ref];
    return Object.fromEntries(
      Object.entries(value)
        .map(([key, item]) => [key, resolve(item)] as const)
        .filter(([, item]) => item !== NO_VALUE),
    );
  };
  const kept = <T extends { Condition?: string }>(entries: Record<string, T>) =>
    Object.fromEntries(Object.entries(entries).filter(([, entry]) => !entry.Condition || decide(entry.Condition)));
  return {
    ...template,
    Resources: resolve(kept(template.Resources)) as Template['Resources'],
    Outputs: resolve(kept(template.Outputs ?? {})) as Template['Outputs'],
  };
}

const NO_VALUE = Symbol('AWS::NoValue');

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const ref = (logicalId: string) => ({ Ref: logicalId });
export const getAtt = (logicalId: string, attribute: string) => ({ 'Fn::GetAtt': [logicalId, attribute] });

/** The logical id a `{Ref}` or `{Fn::GetAtt}` points at, else undefined. */
export function target(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  if (typeof value.Ref === 'string') return value.Ref;
  const getAttValue = value['Fn::GetAtt'];
  if (Array.isArray(getAttValue) && typeof getAttValue[0] === 'string') return getAttValue[0];
  return undefined;
}

export function ofType(template: Template, type: string): [string, Resource][] {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

export function resource(template: Template, logicalId: string, type?: string): Resource {
  const found = template.Resources[logicalId];
  if (!found) throw new Error(`no resource ${logicalId}`);
  if (type && found.Type !== type) throw new Error(`${logicalId} is ${found.Type}, not ${type}`);
  return found;
}

export function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
