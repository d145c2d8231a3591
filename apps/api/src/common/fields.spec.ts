import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiOkResponse, DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Fields } from './fields';
import * as is from './field-kinds';

class LineView extends Fields({
  id: is.uuid,
  amount: is.money,
}) {}

class BaseView extends Fields({
  id: is.uuid,
}) {}

class SampleView extends Fields(BaseView, {
  status: is.oneOf(['draft', 'paid']),
  paidOn: is.dayOrNull,
  note: is.text.about('Why').optional(),
  line: LineView,
  lines: [LineView],
  codes: [is.text],
  nextLine: is.nullable(LineView),
}) {}

@Controller('sample')
class SampleController {
  @Get()
  @ApiOkResponse({ type: SampleView })
  get(): SampleView {
    // The table types the instance: a wrong type here fails the type-check (tsc runs in lint).
    return {
      id: '00000000-0000-0000-0000-000000000000',
      status: 'paid',
      paidOn: null,
      line: { id: 'x', amount: '1.00' },
      lines: [],
      codes: ['a'],
      nextLine: null,
    };
  }
}

@Module({ controllers: [SampleController] })
class SampleModule {}

let schemas: Record<string, { properties: Record<string, unknown>; required: string[] }>;

beforeAll(async () => {
  const app = await NestFactory.create(SampleModule, { preview: true, logger: false });
  const doc: OpenAPIObject = SwaggerModule.createDocument(app, new DocumentBuilder().build());
  await app.close();
  schemas = doc.components!.schemas as typeof schemas;
});

describe('Fields: an answer written as a table of kinds', () => {
  it('publishes each field as its kind says, in the table order after the base', () => {
    const sample = schemas.SampleView;
    expect(Object.keys(sample.properties)).toEqual([
      'id',
      'status',
      'paidOn',
      'note',
      'line',
      'lines',
      'codes',
      'nextLine',
    ]);
    expect(sample.properties.id).toEqual({ type: 'string', format: 'uuid' });
    expect(sample.properties.status).toEqual({ type: 'string', enum: ['draft', 'paid'] });
    expect(sample.properties.paidOn).toEqual({ type: 'string', format: 'date', nullable: true });
    expect(sample.properties.note).toEqual({ type: 'string', description: 'Why' });
    expect(sample.properties.line).toEqual({ $ref: '#/components/schemas/LineView' });
    expect(sample.properties.lines).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/LineView' },
    });
    expect(sample.properties.codes).toEqual({ type: 'array', items: { type: 'string' } });
    expect(sample.properties.nextLine).toMatchObject({ nullable: true });
  });

  it('leaves an optional field out of the required list only', () => {
    expect(schemas.SampleView.required).toEqual([
      'id',
      'status',
      'paidOn',
      'line',
      'lines',
      'codes',
      'nextLine',
    ]);
  });

  it('gives every amount the same example', () => {
    expect(schemas.LineView.properties.amount).toEqual({ type: 'string', example: '1234.56' });
  });
});
