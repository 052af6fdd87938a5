import { extractSource } from './helpers/workspace';
const code = `import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { DataService } from './data.service';
@Injectable()
export class CronService {
  public constructor(private readonly dataService: DataService) {}
  @Cron('0 * * * *')
  public async hourly() {
    await this.dataService.gather();
  }
}
`;
const f = extractSource(code, 'src/cron.service.ts');
console.log(JSON.stringify(f.classes), JSON.stringify(f.uses.map(u=>[u.fn,u.v])), JSON.stringify(Object.entries(f.functions).map(([i,x])=>[i,x.name,x.calls])));
